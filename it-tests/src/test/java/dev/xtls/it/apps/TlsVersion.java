package dev.xtls.it.apps;

import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.provider.Arguments;

/** Which SSLContexts an application test builds on both sides, and the protocol version they must negotiate. */
enum TlsVersion {
    /** The default "TLS" contexts: Xtls, SunJSSE and Jetty on either all speak TLS 1.3, so they agree on it. */
    DEFAULT(Peer.TLS, "TLSv1.3"),
    /** "TLSv1.2" contexts on both sides: TLS 1.2 forced. */
    TLS12(Peer.TLS12, "TLSv1.2");

    final String contextName;
    final String negotiated;

    TlsVersion(String contextName, String negotiated) {
        this.contextName = contextName;
        this.negotiated = negotiated;
    }

    SSLContext context(Peer peer, TestPki pki, Credential... credentials) {
        return peer.context(contextName, pki, credentials);
    }

    /** Xtls on the client, the server, or both (the other side SunJSSE), each with every version. */
    static Stream<Arguments> sides() {
        return Stream.of(values()).flatMap(v -> Stream.of(Arguments.of(Peer.XTLS, Peer.SUN, v),
                Arguments.of(Peer.SUN, Peer.XTLS, v), Arguments.of(Peer.XTLS, Peer.XTLS, v)));
    }
}
