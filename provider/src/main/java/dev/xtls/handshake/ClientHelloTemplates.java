package dev.xtls.handshake;

import dev.xtls.wire.CipherSuite;
import java.util.function.Predicate;

/**
 * The {@link ClientHelloTemplate} of one context's client handshakes: the last one built, reused while the
 * configuration it came from is equal, rebuilt when it changes (setEnabledCipherSuites, SSLParameters). One
 * volatile field: a template is immutable, so a handshake that sees it sees it whole; two handshakes racing on a
 * change may both build one, and either is right.
 */
public final class ClientHelloTemplates {
    private volatile ClientHelloTemplate last;

    /** The template for {@code config}; the same object as last time when nothing of it changed. */
    public ClientHelloTemplate of(HandshakeConfig config, boolean initial, Predicate<CipherSuite> tls13Suite) {
        ClientHelloTemplate.Inputs inputs = ClientHelloTemplate.Inputs.of(config, initial);
        ClientHelloTemplate t = last;
        if (t != null && t.inputs().equals(inputs)) {
            return t;
        }
        t = ClientHelloTemplate.build(inputs, tls13Suite);
        last = t;
        return t;
    }

    /** The template the latest client handshake used, null before the first: shows the sharing to tests. */
    public ClientHelloTemplate current() {
        return last;
    }
}
