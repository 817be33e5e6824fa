package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.keys.Tls13KeySchedule;
import dev.xtls.message.Tls13NewSessionTicket;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.PskTicket;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;

/**
 * A NewSessionTicket the client receives after the handshake (RFC 8446 §4.6.1): its PSK, derived from the
 * resumption master secret and the ticket's nonce, is kept with the session in the cache for its peer.
 */
final class ClientTickets {
    private ClientTickets() {
    }

    static void onNewSessionTicket(HandshakeContext ctx, Secret resumptionMaster, Tls13Suite suite,
            RawHandshakeMessage message) {
        Tls13NewSessionTicket ticket = Tls13NewSessionTicket.decode(message.body());
        if (ticket.lifetimeSeconds() > Tls13NewSessionTicket.MAX_LIFETIME_SECONDS) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "NewSessionTicket lifetime "
                    + ticket.lifetimeSeconds() + " s is over the 7 days allowed (RFC 8446 §4.6.1)");
        }
        // §4.6.1: a lifetime of zero means the ticket is to be discarded at once
        if (ticket.lifetimeSeconds() == 0 || !ctx.config().sessionStore().ticketsEnabled()) {
            return;
        }
        Secret psk = new Tls13KeySchedule(ctx.crypto(), suite.hash()).resumptionPsk(resumptionMaster,
                ticket.nonce().toByteArray());
        // a local id for the cache only: TLS 1.3 resumes by the ticket, never by session id
        ctx.config().sessionStore().storeTicket(ctx.session()
                .withNegotiated(ctx.newRandomBytes(32), ProtocolVersion.TLS13, suite.suite())
                .withTicket(ticket.ticket())
                .withPskTicket(psk, new PskTicket(ticket.ageAdd(), ctx.config().clock().getAsLong(),
                        ticket.lifetimeSeconds())));
    }
}
