package dev.xtls.handshake.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.SessionStore.IssuedTicket;
import dev.xtls.message.NewSessionTicket;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;

/** The server's NewSessionTicket (RFC 5077 §3.3), sent right before its ChangeCipherSpec. */
final class ServerTickets {
    private ServerTickets() {
    }

    /** A ticket for {@code session}; an empty one when none can be sealed after the ServerHello promised it. */
    static void send(HandshakeContext ctx, SessionState session) {
        IssuedTicket t = ctx.config().sessionStore().issueTicket(session)
                .orElse(new IssuedTicket(0, Bytes.EMPTY));
        ctx.send(new NewSessionTicket(t.lifetimeHintSeconds(), t.ticket()));
        if (!t.ticket().isEmpty()) {
            ctx.ticketIssued();
        }
    }
}
