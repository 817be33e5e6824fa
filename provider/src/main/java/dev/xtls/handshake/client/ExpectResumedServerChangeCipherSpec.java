package dev.xtls.handshake.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.record.RawHandshakeMessage;

/** Resuming: the server's ChangeCipherSpec follows its ServerHello (RFC 5246 §7.3, Figure 2). */
record ExpectResumedServerChangeCipherSpec(SuiteSpec suite, Secret master, TrafficProtection keys,
        SessionOrigin origin)
        implements ClientState {
    @Override
    public String expecting() {
        return "server ChangeCipherSpec (resuming a session)";
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
        return new ExpectResumedServerFinished(suite, master, keys, origin);
    }
}
