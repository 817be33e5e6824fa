package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.record.RawHandshakeMessage;

/** Waits for the client's ChangeCipherSpec, which switches the read side to the new keys (RFC 5246 §7.1). */
record ExpectClientChangeCipherSpec(ServerNegotiated negotiated, Secret master, TrafficProtection keys)
        implements ServerState {
    @Override
    public String expecting() {
        return "client ChangeCipherSpec";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        throw unexpected(message);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        ctx.output().installReadProtection(keys.clientWrite());
        return new ExpectClientFinished(negotiated, master, keys);
    }
}
