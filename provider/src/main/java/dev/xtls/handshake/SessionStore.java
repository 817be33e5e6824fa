package dev.xtls.handshake;

import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import java.util.Optional;

/**
 * Where one side's established sessions are kept for resumption (RFC 5246 §7.3 abbreviated handshake). The JSSE
 * layer implements it over the context's session cache, which owns lifetime, size and invalidation: what it
 * returns is resumable as far as the cache knows; the handshake still checks that it fits this connection.
 * Session tickets (RFC 5077) will come in beside it: a ticket is another way to find a {@link SessionState}.
 */
public interface SessionStore {
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
}
