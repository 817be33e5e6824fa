package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.ClientHello;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;

/** After a HelloRetryRequest (RFC 8446 §4.1.4): waits for the second ClientHello; a second retry is never sent. */
record ExpectSecondClientHello(HelloRetry retry) implements Tls13ServerState {
    @Override
    public String expecting() {
        return "second ClientHello";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CLIENT_HELLO)) {
            throw unexpected(message);
        }
        ClientHello hello = ClientHello.decode(message.body());
        if (!Tls13ServerHandshake.offersTls13(hello)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the second ClientHello no longer offers"
                    + " TLS 1.3 (RFC 8446 §4.1.2)");
        }
        return Tls13ServerHandshake.onClientHello(ctx, hello, message, retry);
    }
}
