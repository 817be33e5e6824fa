package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/**
 * Waits for the server's Finished (RFC 8446 §4.4.4); then the server's application keys protect what it sends
 * next, and the client answers with its final flight.
 */
record ExpectServerFinished(Tls13ClientNegotiated negotiated) implements Tls13ClientState {
    @Override
    public String expecting() {
        return "server Finished";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Tls13Secrets secrets = negotiated.secrets();
        secrets.receiveFinished(ctx, false, message);
        ApplicationSecrets application = secrets.application(ctx);
        ctx.output().installReadProtection(application.serverProtection(ctx));
        return ClientFinalFlight.send(ctx, negotiated, application);
    }
}
