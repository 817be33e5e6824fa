package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.wire.SignatureScheme;
import java.util.List;

/**
 * What the server's first flight settled: the handshake secrets (for the client's Finished), the application
 * secrets, the schemes its CertificateRequest accepts for the client's CertificateVerify, whether a PSK resumed a
 * session, how many NewSessionTickets follow the client's Finished (RFC 8446 §4.6.1), and whether the client
 * offered post_handshake_auth (RFC 8446 §4.2.6).
 */
record Tls13ServerNegotiated(Tls13Secrets secrets, ApplicationSecrets application,
        List<SignatureScheme> clientVerifySchemes, boolean resumed, int tickets, boolean clientOffersPostHandshakeAuth) {
    Tls13ServerNegotiated {
        clientVerifySchemes = List.copyOf(clientVerifySchemes);
    }
}
