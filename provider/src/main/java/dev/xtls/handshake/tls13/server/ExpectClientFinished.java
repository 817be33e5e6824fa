package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/** Waits for the client's Finished (RFC 8446 §4.4.4); then the client's application keys protect its records. */
record ExpectClientFinished(Tls13ServerNegotiated negotiated) implements Tls13ServerState {
    @Override
    public String expecting() {
        return "client Finished";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Tls13Secrets secrets = negotiated.secrets();
        secrets.receiveFinished(ctx, true, message);
        ctx.output().installReadProtection(negotiated.application().clientProtection(ctx));
        Tls13TicketIssuer.send(ctx, secrets, negotiated.tickets());
        secrets.destroy();
        // §4.4.1: a post-handshake CertificateRequest continues the transcript through client Finished
        Tls13ServerEstablished established = new Tls13ServerEstablished(negotiated.application(),
                new PostHandshakeAuthOffer(ctx.transcript().messages(), negotiated.clientOffersPostHandshakeAuth()));
        ctx.established(negotiated.resumed() ? SessionOrigin.PSK : SessionOrigin.NEW);
        return established;
    }
}
