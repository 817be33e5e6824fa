package dev.xtls.handshake.server;

import dev.xtls.handshake.HandshakeState;

/** The server's states of the full TLS 1.2 handshake (RFC 5246 §7.3, Figure 1), in order. */
sealed interface ServerState extends HandshakeState permits ExpectClientHello, ExpectClientCertificate,
        ExpectClientKeyExchange, ExpectCertificateVerify, ExpectClientChangeCipherSpec, ExpectClientFinished {
}
