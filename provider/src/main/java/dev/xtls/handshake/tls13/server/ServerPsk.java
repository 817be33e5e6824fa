package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.SessionStore;
import dev.xtls.handshake.SessionStore.OpenedTicket;
import dev.xtls.handshake.tls13.PskBinder;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.OfferedPsks;
import dev.xtls.message.ext.PskIdentity;
import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of TLS 1.3 resumption (RFC 8446 §4.2.11): the first offered ticket that opens under our keys
 * has its binder verified before anything else in it is used, then it resumes if it fits this handshake; any other
 * ticket is ignored and the handshake is a full one.
 */
final class ServerPsk {
    /** §8.3: how far the client's ticket age may be from ours, for clock skew and round trips. */
    static final long AGE_TOLERANCE_MILLIS = 10_000;

    private ServerPsk() {
    }

    /** The PSK this handshake resumes, its index among the offered identities; {@code dhe}: psk_dhe_ke, else psk_ke. */
    record Accepted(int index, SessionState session, boolean dhe) {
    }

    /**
     * §4.2.9: the mode to resume with, among those both sides allow; psk_dhe_ke when both do (the server has the
     * client's share by now), psk_ke only when both allow it and not psk_dhe_ke; empty: ignore the PSKs.
     */
    static Optional<Boolean> mode(PskKeyExchangeModes client, List<Integer> ours) {
        if (client.allows(PskKeyExchangeModes.PSK_DHE_KE) && ours.contains(PskKeyExchangeModes.PSK_DHE_KE)) {
            return Optional.of(true);
        }
        if (client.allows(PskKeyExchangeModes.PSK_KE) && ours.contains(PskKeyExchangeModes.PSK_KE)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    static Optional<Accepted> accept(HandshakeContext ctx, ClientHello hello, RawHandshakeMessage message,
            Tls13Suite suite, List<String> serverNames) {
        Optional<Extension> ext = hello.extensions().find(ExtensionType.PRE_SHARED_KEY);
        if (ext.isEmpty()) {
            return Optional.empty();
        }
        List<Extension> all = hello.extensions().list();
        if (!all.get(all.size() - 1).type().equals(ExtensionType.PRE_SHARED_KEY)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                    "pre_shared_key is not the last extension of the ClientHello (RFC 8446 §4.2.11)");
        }
        PskKeyExchangeModes modes = hello.extensions().find(ExtensionType.PSK_KEY_EXCHANGE_MODES)
                .map(e -> PskKeyExchangeModes.decode(e.data())).orElseThrow(() -> new TlsException(
                        AlertDescription.MISSING_EXTENSION, "the ClientHello offers pre_shared_key without"
                        + " psk_key_exchange_modes (RFC 8446 §4.2.9)"));
        OfferedPsks offered = OfferedPsks.decode(ext.get().data());
        if (offered.identities().size() != offered.binders().size()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "pre_shared_key offers "
                    + offered.identities().size() + " identities but " + offered.binders().size()
                    + " binders (RFC 8446 §4.2.11)");
        }
        SessionStore store = ctx.config().sessionStore();
        // §4.2.9: a server that accepts none of the client's modes ignores its PSKs: a full handshake
        Optional<Boolean> dhe = mode(modes, store.tls13PskModes());
        if (!store.ticketsEnabled() || dhe.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < offered.identities().size(); i++) {
            PskIdentity identity = offered.identities().get(i);
            Optional<SessionState> opened = store.openTicket(identity.identity()).map(OpenedTicket::session)
                    .filter(s -> s.pskTicket() != null && ProtocolVersion.TLS13.equals(s.version()));
            Optional<Tls13Suite> ticketSuite = opened.flatMap(s -> Tls13Suite.of(s.cipherSuite()));
            if (ticketSuite.isEmpty()) {
                opened.ifPresent(s -> s.masterSecret().destroy());
                continue;
            }
            // §4.2.11: one PSK selected, its binder validated before anything it carries is trusted
            SessionState session = opened.get();
            byte[] expected = PskBinder.compute(ctx, ticketSuite.get().hash(), session.masterSecret(),
                    message.encoded(), offered.bindersEncodedLength());
            if (!MessageDigest.isEqual(expected, offered.binders().get(i).toByteArray())) {
                session.masterSecret().destroy();
                throw new TlsException(AlertDescription.DECRYPT_ERROR, "the binder of PSK identity " + i
                        + " does not validate: the ClientHello was altered or the PSK differs (RFC 8446"
                        + " §4.2.11.2)");
            }
            if (fits(ctx, session, ticketSuite.get(), suite, serverNames, identity)) {
                return Optional.of(new Accepted(i, session, dhe.get()));
            }
            session.masterSecret().destroy();
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean fits(HandshakeContext ctx, SessionState s, Tls13Suite ticketSuite, Tls13Suite chosen,
            List<String> serverNames, PskIdentity identity) {
        long now = ctx.config().clock().getAsLong();
        long ourAge = now - s.pskTicket().issuedMillis();
        long clientAge = s.pskTicket().clientAgeMillis(identity.obfuscatedTicketAge());
        return ticketSuite.hash() == chosen.hash() // §4.2.11: the suite's hash is the PSK's
                && ctx.config().versions().contains(ProtocolVersion.TLS13)
                // §4.6.1 / RFC 6066 §3: resumed for the names it was made for
                && (serverNames.isEmpty() || s.requestedServerNamesEqual(serverNames))
                && (ctx.config().clientAuth() != ClientAuth.NEED || !s.peerCertificates().isEmpty())
                // §8.3: the client's view of the ticket's age is within tolerance of ours
                && Math.abs(clientAge - ourAge) <= AGE_TOLERANCE_MILLIS;
    }
}
