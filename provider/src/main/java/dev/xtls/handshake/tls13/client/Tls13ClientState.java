package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;

/**
 * The client's states of the TLS 1.3 full handshake (RFC 8446 §2, Figure 1) after ServerHello, in order. Until
 * the server's Finished, one unprotected ChangeCipherSpec is dropped (§5, Appendix D.4).
 */
sealed interface Tls13ClientState extends HandshakeState permits ExpectServerHelloAfterRetry, ExpectEncryptedExtensions,
        ExpectServerCertificate, ExpectServerCertificateVerify, ExpectServerFinished, Tls13ClientEstablished {
    /** Before the server's Finished; {@link Tls13ClientEstablished} overrides it back to unexpected_message. */
    @Override
    default HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        ctx.ignoreCompatibilityChangeCipherSpec();
        return this;
    }
}
