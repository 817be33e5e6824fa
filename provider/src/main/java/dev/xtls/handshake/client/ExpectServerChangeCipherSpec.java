package dev.xtls.handshake.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.record.RawHandshakeMessage;

/** Waits for the server's ChangeCipherSpec, which switches the read side to the new keys (RFC 5246 §7.1). */
record ExpectServerChangeCipherSpec(ClientNegotiated negotiated, Secret master, TrafficProtection keys)
        implements ClientState {
    @Override
    public String expecting() {
        return "server ChangeCipherSpec";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        throw unexpected(message);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        ctx.output().installReadProtection(keys.serverWrite());
        return new ExpectServerFinished(negotiated, master);
    }
}
