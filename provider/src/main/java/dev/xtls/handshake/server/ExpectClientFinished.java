package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
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
 * Waits for the client's Finished, checks it in constant time, and sends ours (RFC 5246 §7.4.9), after a
 * NewSessionTicket if the ServerHello promised one (RFC 5077 §3.1, Figure 1).
 */
record ExpectClientFinished(ServerNegotiated negotiated, Secret master, TrafficProtection keys)
        implements ServerState {
    @Override
    public String expecting() {
        return "client Finished";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Finished finished = Finished.decode(message.body(), negotiated.suite().verifyDataLength());
        byte[] expected = Tls12Secrets.verifyData(ctx, negotiated.suite(), master, true);
        if (!MessageDigest.isEqual(expected, finished.verifyData().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR,
                    "client Finished does not match: the handshake was altered or the keys differ");
        }
        ctx.received(message);
        ctx.finished(true, expected);
        if (negotiated.issueTicket()) {
            ServerTickets.send(ctx, ctx.session());
        }
        ctx.output().changeCipherSpec(keys.serverWrite());
        byte[] ours = Tls12Secrets.verifyData(ctx, negotiated.suite(), master, false);
        ctx.finished(false, ours);
        ctx.send(new Finished(Bytes.wrap(ours)));
        ctx.established(SessionOrigin.NEW);
        return ServerEstablished.after(ctx);
    }
}
