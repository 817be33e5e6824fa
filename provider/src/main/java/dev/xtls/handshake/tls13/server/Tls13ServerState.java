package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;

/**
 * The server's states of the TLS 1.3 full handshake (RFC 8446 §2, Figure 1) after its first flight. Until the
 * client's Finished, one unprotected ChangeCipherSpec is dropped (§5, Appendix D.4).
 */
sealed interface Tls13ServerState extends HandshakeState permits ExpectSecondClientHello, ExpectClientCertificate,
        ExpectClientCertificateVerify, ExpectClientFinished, Tls13ServerEstablished {
    @Override
    default HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        ctx.ignoreCompatibilityChangeCipherSpec();
        return this;
    }
}
