package dev.xtls.handshake;

import dev.xtls.message.ClientHello;
import dev.xtls.message.HelloRequest;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;

/**
 * After the handshake. Renegotiation is not offered: the first HelloRequest (client) or ClientHello (server) gets
 * a no_renegotiation warning (RFC 5246 §7.4.1.1, §7.2.2) and the connection goes on; a second request is fatal,
 * so a peer cannot make this side answer a flood of requests with a flood of alerts.
 */
public record Established(boolean clientSide, boolean refusedRenegotiation) implements HandshakeState {
    public Established(boolean clientSide) {
        this(clientSide, false);
    }

    @Override
    public String expecting() {
        return "application data";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        HandshakeType renegotiationStart = clientSide ? HandshakeType.HELLO_REQUEST : HandshakeType.CLIENT_HELLO;
        if (!message.type().equals(renegotiationStart)) {
            throw unexpected(message);
        }
        if (clientSide) {
            HelloRequest.decode(message.body()); // RFC 5246 §7.4.1.1: an empty body, else decode_error
        } else {
            ClientHello.decode(message.body());
        }
        if (refusedRenegotiation) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "renegotiation is not supported and a"
                    + " second renegotiation request (" + message.type().name() + ") was received after the"
                    + " first was refused with no_renegotiation");
        }
        ctx.output().warningAlert(AlertDescription.NO_RENEGOTIATION);
        return new Established(clientSide, true);
    }
}
