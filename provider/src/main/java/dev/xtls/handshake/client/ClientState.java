package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/**
 * The client's states of the full TLS 1.2 handshake (RFC 5246 §7.3, Figure 1), in order, then those of the
 * abbreviated one (Figure 2) that ExpectServerHello enters when the server resumes the offered session.
 */
sealed interface ClientState extends HandshakeState permits ExpectServerHello, ExpectServerCertificate,
        ExpectCertificateStatus,
        ExpectServerKeyExchange, ExpectServerHelloDone, ExpectServerChangeCipherSpec, ExpectServerFinished,
        ExpectResumedServerChangeCipherSpec, ExpectResumedServerFinished, ExpectNewSessionTicket, ClientEstablished {
    /** True for a HelloRequest, which every client state ignores while negotiating (RFC 5246 §7.4.1.1). */
    static boolean ignoredHelloRequest(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.HELLO_REQUEST)) {
            return false;
        }
        ctx.ignoreHelloRequest(message);
        return true;
    }
}
