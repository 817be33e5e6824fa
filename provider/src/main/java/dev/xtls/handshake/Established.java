package dev.xtls.handshake;

import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;

/**
 * After the handshake. Renegotiation is not offered: a HelloRequest (client) or ClientHello (server) gets a
 * no_renegotiation warning (RFC 5246 §7.4.1.1, §7.2.2), and the connection goes on.
 */
public record Established(boolean clientSide) implements HandshakeState {
    @Override
    public String expecting() {
        return "application data";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        HandshakeType renegotiationStart = clientSide ? HandshakeType.HELLO_REQUEST : HandshakeType.CLIENT_HELLO;
        if (message.type().equals(renegotiationStart)) {
            ctx.output().warningAlert(AlertDescription.NO_RENEGOTIATION);
            return this;
        }
        throw unexpected(message);
    }
}
