package dev.xtls.handshake.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.Finished;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;

/**
 * Resuming: checks the server's Finished in constant time, then answers with our ChangeCipherSpec and Finished
 * (RFC 5246 §7.3, Figure 2: in an abbreviated handshake the server finishes first).
 */
record ExpectResumedServerFinished(SuiteSpec suite, Secret master, TrafficProtection keys, SessionOrigin origin)
        implements ClientState {
    @Override
    public String expecting() {
        return "server Finished (resuming a session)";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Finished finished = Finished.decode(message.body(), suite.verifyDataLength());
        byte[] expected = Tls12Secrets.verifyData(ctx, suite, master, false);
        if (!MessageDigest.isEqual(expected, finished.verifyData().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "server Finished does not match the resumed"
                    + " session: the handshake was altered or the server holds another master secret");
        }
        ctx.received(message);
        ctx.finished(false, expected);
        ctx.output().changeCipherSpec(keys.clientWrite());
        byte[] ours = Tls12Secrets.verifyData(ctx, suite, master, true);
        ctx.finished(true, ours);
        ctx.send(new Finished(Bytes.wrap(ours)));
        ctx.established(origin);
        return ClientEstablished.after(ctx);
    }
}
