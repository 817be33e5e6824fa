package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.record.RawHandshakeMessage;

/** Resuming: our Finished is sent; waits for the client's ChangeCipherSpec (RFC 5246 §7.3, Figure 2). */
record ExpectResumedClientChangeCipherSpec(SuiteSpec suite, Secret master, TrafficProtection keys,
        SessionOrigin origin)
        implements ServerState {
    @Override
    public String expecting() {
        return "client ChangeCipherSpec (resuming a session)";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        throw unexpected(message);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        ctx.output().installReadProtection(keys.clientWrite());
        return new ExpectResumedClientFinished(suite, master, origin);
    }
}
