package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.message.Finished;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;

/** Resuming: checks the client's Finished, the last message of the abbreviated handshake (RFC 5246 §7.4.9). */
record ExpectResumedClientFinished(SuiteSpec suite, Secret master, SessionOrigin origin) implements ServerState {
    @Override
    public String expecting() {
        return "client Finished (resuming a session)";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Finished finished = Finished.decode(message.body(), suite.verifyDataLength());
        byte[] expected = Tls12Secrets.verifyData(ctx, suite, master, true);
        if (!MessageDigest.isEqual(expected, finished.verifyData().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "client Finished does not match the resumed"
                    + " session: the handshake was altered or the client holds another master secret");
        }
        ctx.received(message);
        ctx.finished(true, expected);
        ctx.established(origin);
        return ServerEstablished.after(ctx);
    }
}
