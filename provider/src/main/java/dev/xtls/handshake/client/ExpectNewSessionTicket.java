package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.NewSessionTicket;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.HandshakeType;

/**
 * The ServerHello promised a NewSessionTicket before the server's ChangeCipherSpec (RFC 5077 §3.1): keeps its
 * ticket with the session, or forgets the old one when it is empty (§3.3), then waits for {@code next}.
 */
record ExpectNewSessionTicket(ClientState next) implements ClientState {
    @Override
    public String expecting() {
        return "NewSessionTicket";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.NEW_SESSION_TICKET)) {
            throw unexpected(message);
        }
        NewSessionTicket ticket = NewSessionTicket.decode(message.body());
        ctx.received(message);
        SessionState s = ctx.session();
        if (s.sessionId().isEmpty() && !ticket.ticket().isEmpty()) {
            // RFC 5077 §3.4: a server issuing a ticket may send no session id; the client cache needs one
            s = s.withNegotiated(ctx.newRandomBytes(32), s.version(), s.cipherSuite());
        }
        ctx.updateSession(s.withTicket(ticket.ticket()));
        return next;
    }
}
