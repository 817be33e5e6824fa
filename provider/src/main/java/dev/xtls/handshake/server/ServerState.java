package dev.xtls.handshake.server;

import dev.xtls.handshake.HandshakeState;

/**
 * The server's states of the full TLS 1.2 handshake (RFC 5246 §7.3, Figure 1), in order, then those of the
 * abbreviated one (Figure 2) that ExpectClientHello enters when it resumes the client's session.
 */
sealed interface ServerState extends HandshakeState permits ExpectClientHello, ExpectClientSupplementalData,
        ExpectClientCertificate,
        ExpectClientKeyExchange, ExpectCertificateVerify, ExpectClientChangeCipherSpec, ExpectClientFinished,
        ExpectResumedClientChangeCipherSpec, ExpectResumedClientFinished, ServerEstablished {
}
