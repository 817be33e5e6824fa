package dev.xtls.handshake.client;

import dev.xtls.handshake.tls13.client.Tls13ClientOffer;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.util.List;
import java.util.Set;

/**
 * What the client put in its ClientHello, which bounds what the server may choose. {@code resumable} is the
 * session it offered, or null when it offered none; {@code sessionId} is the id it sent, a fresh one when it
 * offered a ticket (RFC 5077 §3.4); {@code extensionTypes} are the extensions it sent, the only ones a
 * ServerHello may carry (RFC 5246 §7.4.1.4); {@code tls13} what the hello offered for TLS 1.3, null if nothing.
 */
record ClientOffer(Bytes clientRandom, List<CipherSuite> suites, List<NamedGroup> groups,
        List<SignatureScheme> schemes, Set<ExtensionType> extensionTypes, List<String> alpn,
        SessionState resumable, Bytes sessionId, Tls13ClientOffer tls13) {
    ClientOffer {
        extensionTypes = Set.copyOf(extensionTypes);
    }

    boolean offered(ExtensionType type) {
        return extensionTypes.contains(type);
    }
}
