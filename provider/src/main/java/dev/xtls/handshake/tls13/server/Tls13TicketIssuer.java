package dev.xtls.handshake.tls13.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.SessionStore.IssuedTicket;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.message.Extensions;
import dev.xtls.message.Tls13NewSessionTicket;
import dev.xtls.session.PskTicket;
import dev.xtls.wire.Bytes;
import java.util.Optional;

/**
 * The server's NewSessionTickets after the client's Finished (RFC 8446 §4.6.1): each seals its own PSK, derived
 * from the resumption master secret and its nonce, with the session, under the context's ticket key ring.
 */
final class Tls13TicketIssuer {
    private Tls13TicketIssuer() {
    }

    /** Call right after client Finished is in the transcript; sends {@code count} tickets. */
    static void send(HandshakeContext ctx, Tls13Secrets secrets, int count) {
        if (count <= 0) {
            return;
        }
        Secret resumptionMaster = secrets.resumptionMasterSecret(ctx);
        try {
            for (int i = 0; i < count; i++) {
                byte[] nonce = {(byte) i}; // §4.6.1: unique among this connection's tickets
                Secret psk = secrets.schedule().resumptionPsk(resumptionMaster, nonce);
                long ageAdd = ctx.crypto().random().nextInt() & 0xFFFFFFFFL;
                long now = ctx.config().clock().getAsLong();
                Optional<IssuedTicket> ticket;
                try {
                    ticket = ctx.config().sessionStore().issueTicket(ctx.session()
                            .withPskTicket(psk, new PskTicket(ageAdd, now, 0)));
                } finally {
                    psk.destroy();
                }
                if (ticket.isEmpty() || ticket.get().ticket().isEmpty()) {
                    return;
                }
                long lifetime = Math.min(ticket.get().lifetimeHintSeconds(),
                        Tls13NewSessionTicket.MAX_LIFETIME_SECONDS);
                // post-handshake: not in the transcript (§4.4.1 ends it at Finished)
                ctx.output().handshakeMessage(new Tls13NewSessionTicket(lifetime, ageAdd, Bytes.wrap(nonce),
                        ticket.get().ticket(), Extensions.EMPTY).encode());
            }
        } finally {
            resumptionMaster.destroy();
        }
    }
}
