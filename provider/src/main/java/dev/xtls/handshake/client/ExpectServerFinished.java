package dev.xtls.handshake.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.message.Finished;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;

/** Waits for the server's Finished and checks it in constant time (RFC 5246 §7.4.9). */
record ExpectServerFinished(ClientNegotiated negotiated, Secret master) implements ClientState {
    @Override
    public String expecting() {
        return "server Finished";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Finished finished = Finished.decode(message.body(), negotiated.suite().verifyDataLength());
        byte[] expected = Tls12Secrets.verifyData(ctx, negotiated.suite(), master, false);
        if (!MessageDigest.isEqual(expected, finished.verifyData().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR,
                    "server Finished does not match: the handshake was altered or the keys differ");
        }
        ctx.received(message);
        ctx.finished(false, expected);
        ctx.established(SessionOrigin.NEW);
        return ClientEstablished.after(ctx);
    }
}
