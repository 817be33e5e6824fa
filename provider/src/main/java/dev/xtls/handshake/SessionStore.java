package dev.xtls.handshake;

import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Where one side's established sessions are kept for resumption (RFC 5246 §7.3 abbreviated handshake). The JSSE
 * layer implements it over the context's session cache, which owns lifetime, size and invalidation: what it
 * returns is resumable as far as the cache knows; the handshake still checks that it fits this connection.
 * Session tickets (RFC 5077) are another way to find a {@link SessionState}: the store seals and opens them with
 * its context's ticket keys, and the handshake runs the same resumption checks on what either way finds.
 */
public interface SessionStore {
    /** psk_key_exchange_modes codes (RFC 8446 §4.2.9) for {@link #tls13PskModes}. */
    int PSK_KE = PskKeyExchangeModes.PSK_KE;
    int PSK_DHE_KE = PskKeyExchangeModes.PSK_DHE_KE;

    /** Keeps nothing and finds nothing: every handshake is a full one. */
    SessionStore NONE = new SessionStore() {
        @Override
        public Optional<SessionState> find(Bytes sessionId) {
            return Optional.empty();
        }

        @Override
        public Optional<SessionState> findForPeer(String host, int port) {
            return Optional.empty();
        }

        @Override
        public void store(SessionState session) {
        }

    };

    /** Server: the session a ClientHello's session_id names (RFC 5246 §7.4.1.2). */
    Optional<SessionState> find(Bytes sessionId);

    /** Client: the session to offer to this server, as SunJSSE keys its client cache; none without a host. */
    Optional<SessionState> findForPeer(String host, int port);

    /** A full handshake established {@code session}, which has a non-empty id: keep it for resumption. */
    void store(SessionState session);

    /**
     * Server: a full handshake established {@code session} and issued a ticket that carries it (RFC 5077 §3.4), so
     * the store keeps no entry for it, as SunJSSE 17; a store without tickets never gets here.
     */
    default void carriedByTicket(SessionState session) {
    }

    /**
     * Client: offer the SessionTicket extension; server: accept tickets and issue new ones (RFC 5077 §3.2). A store
     * without tickets keeps the defaults below.
     */
    default boolean ticketsEnabled() {
        return false;
    }

    /**
     * Server: the session {@code ticket} carries, if it authenticates under a known key and has not expired
     * (RFC 5077 §4); empty for anything else, which gets a full handshake, never an alert (§3.4).
     */
    default Optional<OpenedTicket> openTicket(Bytes ticket) {
        return Optional.empty();
    }

    /** Server: a new ticket for {@code session}, its hint the session's remaining lifetime; empty if none. */
    default Optional<IssuedTicket> issueTicket(SessionState session) {
        return Optional.empty();
    }

    /** Server: how many TLS 1.3 NewSessionTickets follow a handshake (RFC 8446 §4.6.1); 0 without tickets. */
    default int tls13TicketCount() {
        return 0;
    }

    /**
     * The TLS 1.3 psk_key_exchange_modes this side uses (RFC 8446 §4.2.9), psk_dhe_ke alone by default;
     * a client sends them, a server resumes only with one of them.
     */
    default List<Integer> tls13PskModes() {
        return List.of(PSK_DHE_KE);
    }

    /** Client: keep {@code session}, a TLS 1.3 ticket with its PSK (RFC 8446 §4.6.1), for its peer. */
    default void storeTicket(SessionState session) {
    }

    /** Client: the TLS 1.3 ticket {@link #findForPeer} found is being offered; it is used once (RFC 8446 §C.4). */
    default void forgetOffered() {
    }

    /** A session recovered from a ticket; {@code renew}: it was sealed under a key that is no longer the newest. */
    record OpenedTicket(SessionState session, boolean renew) {
    }

    /** What a NewSessionTicket carries (RFC 5077 §3.3). */
    record IssuedTicket(long lifetimeHintSeconds, Bytes ticket) {
    }
}
