package dev.xtls.jsse;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.SessionStore;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509KeyManager;

/**
 * One handshake's view of its context's session cache. It remembers the cached session it handed to the core,
 * which becomes the engine's session if the core resumes it, and stores the engine's handshake session when a
 * full handshake establishes a new one. The core gets a copy of a cached master secret, so invalidation or
 * eviction may destroy the cached one at any time without breaking a resumption in flight.
 */
final class EngineSessionStore implements SessionStore {
    private final XtlsSessionContext cache;
    private final XtlsSession handshakeSession;
    private final String endpointIdentification;
    private final SessionTickets tickets;
    private final boolean client;
    private final X509KeyManager keyManager;
    private volatile XtlsSession found;
    private volatile Secret copy;
    private volatile XtlsSession established;

    /**
     * {@code endpointIdentification}: the engine's algorithm (client side), or null; {@code keyManager}: the
     * context's, where a ticket's reference to our chain is looked up, or null.
     */
    EngineSessionStore(XtlsSessionContext cache, XtlsSession handshakeSession, String endpointIdentification,
            SessionTickets tickets, boolean client, X509KeyManager keyManager) {
        this.keyManager = keyManager;
        this.tickets = Objects.requireNonNull(tickets);
        this.client = client;
        this.cache = Objects.requireNonNull(cache);
        this.handshakeSession = Objects.requireNonNull(handshakeSession);
        this.endpointIdentification = endpointIdentification;
    }

    @Override
    public Optional<SessionState> find(Bytes sessionId) {
        Optional<SessionState> local = remember(
                Optional.ofNullable((XtlsSession) cache.getSession(sessionId.toByteArray())));
        SharedSessionCache shared = cache.shared();
        if (local.isPresent() || shared == null) {
            return local;
        }
        SessionState s = handshakeSession.state();
        return shared.find(sessionId.toByteArray(), s.peerHost(), s.peerPort(), this::ourChain);
    }

    @Override
    public Optional<SessionState> findForPeer(String host, int port) {
        // SunJSSE resumes only when the peer was identified the same way (a resumption skips the check)
        return remember(cache.findForPeer(host, port)
                .filter(s -> Objects.equals(s.endpointIdentification(), endpointIdentification)));
    }

    /** The session's state with a copy of its master secret; empty if the secret was destroyed meanwhile. */
    private Optional<SessionState> remember(Optional<XtlsSession> session) {
        releaseCopy();
        found = null;
        if (session.isEmpty() || session.get().state().masterSecret() == null) {
            return Optional.empty();
        }
        SessionState state = session.get().state();
        Optional<Secret> own = state.masterSecret().copy();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        copy = own.get();
        found = session.get();
        return Optional.of(state.withMasterSecret(own.get(), state.extendedMasterSecret()));
    }

    @Override
    public void store(SessionState session) {
        handshakeSession.update(session);
        handshakeSession.endpointIdentification(endpointIdentification);
        handshakeSession.attach(cache);
        SharedSessionCache shared = cache.shared();
        if (shared != null) {
            shared.store(session);
        }
    }

    /**
     * The engine's session names its context (getSessionContext) without being cached there, as SunJSSE's. The
     * ticket carries the master secret (RFC 5077 §3.4) and this session is never resumed: its copy is wiped.
     */
    @Override
    public void carriedByTicket(SessionState session) {
        handshakeSession.update(session);
        handshakeSession.belongsTo(cache);
        handshakeSession.destroySecret();
    }

    @Override
    public boolean ticketsEnabled() {
        return tickets.enabled(client);
    }

    @Override
    public Optional<OpenedTicket> openTicket(Bytes ticket) {
        SessionState s = handshakeSession.state();
        return tickets.open(ticket, s.peerHost(), s.peerPort(), this::ourChain);
    }

    /** The chain our key manager holds under {@code alias}, or null. */
    private X509Certificate[] ourChain(String alias) {
        return keyManager == null ? null : keyManager.getCertificateChain(alias);
    }

    @Override
    public Optional<IssuedTicket> issueTicket(SessionState session) {
        return tickets.issue(session);
    }

    @Override
    public int tls13TicketCount() {
        return tickets.enabled(client) ? tickets.tls13TicketCount() : 0;
    }

    /**
     * The connection's published session, which the TLS 1.3 tickets received from now on belong to; {@code resumed}:
     * it resumed the ticket {@link #found} gave, so it belongs to that ticket's session too (SunJSSE's child).
     */
    void established(XtlsSession session, boolean resumed) {
        established = session;
        XtlsSession ticket = found;
        if (resumed && ticket != null && ticket != session) {
            ticket.addTicket(session);
        }
    }

    /** A ticket belongs to the connection's session: one invalidated there is never offered (as SunJSSE). */
    @Override
    public List<Integer> tls13PskModes() {
        return tickets.tls13PskModes();
    }

    @Override
    public void storeTicket(SessionState session) {
        XtlsSession ticket = new XtlsSession(session);
        ticket.endpointIdentification(endpointIdentification);
        XtlsSession owner = established;
        if ((owner != null ? owner : handshakeSession).addTicket(ticket)) {
            ticket.attach(cache);
        } else {
            ticket.destroySecret();
        }
    }

    @Override
    public void forgetOffered() {
        XtlsSession offered = found;
        if (offered != null) {
            cache.remove(offered);
        }
    }

    /** The cached session last handed to the core, or null. */
    XtlsSession found() {
        return found;
    }

    /** The handshake is over (established or failed): destroys the copy of the master secret it resumed with. */
    void releaseCopy() {
        Secret c = copy;
        copy = null;
        if (c != null) {
            c.destroy();
        }
    }
}
