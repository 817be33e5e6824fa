package dev.xtls.jsse;

import dev.xtls.wire.Bytes;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * One side's established sessions, least recently used first, owned by one SSLContext. Sessions expire
 * {@code timeout} seconds after creation (0: never); beyond {@code cacheSize} (0: unbounded) the least recently
 * used is dropped. A server finds a session by the id a ClientHello names; a client context also indexes its
 * sessions by peer host and port, as SunJSSE does, to find the one to offer.
 */
public final class XtlsSessionContext implements SSLSessionContext {
    public static final int DEFAULT_TIMEOUT_SECONDS = 86400;
    public static final int DEFAULT_CACHE_SIZE = 20480;

    private final LongSupplier clock;
    private final LinkedHashMap<Bytes, XtlsSession> sessions = new LinkedHashMap<>(16, 0.75f, true);
    /** Client contexts only: "host:port" to the newest session with that peer; null on a server context. */
    private final Map<String, XtlsSession> byPeer;
    private volatile SessionTickets tickets;
    private volatile SharedSessionCache shared;
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private int cacheSize = DEFAULT_CACHE_SIZE;
    private volatile KeyLogSetting keyLog = new KeyLogSetting();

    /** A server context's cache: sessions found by id only. */
    public XtlsSessionContext(LongSupplier clock) {
        this(clock, false);
    }

    /** {@code indexByPeer}: a client context's cache, which also finds sessions by peer host and port. */
    public XtlsSessionContext(LongSupplier clock, boolean indexByPeer) {
        this.clock = Objects.requireNonNull(clock);
        this.byPeer = indexByPeer ? new HashMap<>() : null;
    }

    /** A server context: its SSLContext's session tickets and the cache it shares with a fleet, once initialised. */
    void share(SessionTickets contextTickets, SharedSessionCache sharedCache) {
        tickets = contextTickets;
        shared = sharedCache;
    }

    /** A server context's cache shared with a fleet; null on a client context or before init. */
    SharedSessionCache shared() {
        return shared;
    }

    /**
     * A server context: from now on new sessions are also kept in {@code cache}, sealed with the session ticket keys,
     * and a session id missing here is looked up there (resumption by id across a fleet, README "Fleet"). Null stops
     * sharing. The fleet must share a ticket key file ({@link #useSessionTicketKeys}).
     */
    public void useSharedSessionCache(dev.xtls.spi.SessionCache cache) {
        SharedSessionCache s = shared;
        if (s == null) {
            throw new IllegalStateException("a shared session cache belongs to an initialized SSLContext's server"
                    + " session context");
        }
        s.use(cache);
    }

    /**
     * The owning SSLContext's key log setting (Xtls.setKeyLog): reached through its session contexts, the one
     * Xtls type an SSLContext hands out.
     */
    public KeyLogSetting keyLog() {
        return keyLog;
    }

    void attach(KeyLogSetting setting) {
        keyLog = setting;
    }

    /**
     * A server context: from now on session tickets (RFC 5077) are sealed with the first key in {@code keyFile} and
     * opened with any key in it; the file is read again when it changes (README, "Session tickets"). The format is
     * that of nginx's {@code ssl_session_ticket_key}: one or more 80-byte keys, e.g. {@code openssl rand 80}.
     *
     * @throws KeyManagementException the file cannot be read or is malformed; the keys in use stay
     * @throws IllegalStateException the SSLContext is not initialised, or this is a client context
     */
    public void useSessionTicketKeys(Path keyFile) throws KeyManagementException {
        SessionTickets t = tickets;
        if (t == null) {
            throw new IllegalStateException("session ticket keys belong to an initialized SSLContext's server"
                    + " session context");
        }
        t.useKeyFile(keyFile);
    }

    /**
     * Records an established session; one without an id (RFC 5246 §7.4.1.3: not resumable) or already invalidated
     * is not kept. On a client context an id another peer's session holds is not taken over: a server chooses its
     * ids, so a malicious one could echo another server's to displace its session. A session not kept, and every
     * session that leaves the cache, has its master secret destroyed.
     */
    synchronized void record(XtlsSession session) {
        Bytes key = Bytes.wrap(session.getId());
        String peer = peerKey(session.getPeerHost(), session.getPeerPort());
        if (key.length() == 0 || !session.isValid() || anotherPeersId(key, peer)) {
            session.destroySecret();
            return;
        }
        XtlsSession replaced = sessions.put(key, session);
        if (replaced != null && replaced != session) {
            forget(replaced);
        }
        if (byPeer != null && peer != null) {
            byPeer.put(peer, session);
        }
        evictBeyondCapacity();
    }

    /** Client contexts: whether the session cached under {@code id} is another peer's. */
    private boolean anotherPeersId(Bytes id, String peer) {
        XtlsSession held = byPeer == null ? null : sessions.get(id);
        return held != null && !Objects.equals(peer, peerKey(held.getPeerHost(), held.getPeerPort()));
    }

    synchronized void remove(XtlsSession session) {
        if (sessions.remove(Bytes.wrap(session.getId()), session)) {
            forget(session);
        }
        SharedSessionCache s = shared;
        if (s != null) {
            s.remove(session.getId());
        }
    }

    /**
     * A client context's newest session with {@code host:port}, if it is still valid and not expired; empty on
     * a server context or without a host.
     */
    synchronized Optional<XtlsSession> findForPeer(String host, int port) {
        String peer = peerKey(host, port);
        if (byPeer == null || peer == null) {
            return Optional.empty();
        }
        XtlsSession s = byPeer.get(peer);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s) || !s.isValid()) {
            removeEntry(s);
            return Optional.empty();
        }
        sessions.get(Bytes.wrap(s.getId())); // counts as a use for the LRU order
        return Optional.of(s);
    }

    private static String peerKey(String host, int port) {
        return host == null ? null : host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private void removeEntry(XtlsSession s) {
        if (sessions.remove(Bytes.wrap(s.getId()), s)) {
            forget(s);
        }
    }

    /** {@code s} has left the id index: drop it from the peer index and destroy its master secret. */
    private void forget(XtlsSession s) {
        String peer = peerKey(s.getPeerHost(), s.getPeerPort());
        if (byPeer != null && peer != null) {
            byPeer.remove(peer, s);
        }
        s.destroySecret();
    }

    @Override
    public synchronized SSLSession getSession(byte[] sessionId) {
        Objects.requireNonNull(sessionId, "session id");
        Bytes key = Bytes.of(sessionId);
        XtlsSession s = sessions.get(key);
        if (s == null) {
            return null;
        }
        if (expired(s) || !s.isValid()) {
            removeEntry(s);
            return null;
        }
        return s;
    }

    @Override
    public synchronized Enumeration<byte[]> getIds() {
        removeExpired();
        List<byte[]> ids = new ArrayList<>(sessions.size());
        for (Bytes id : sessions.keySet()) {
            ids.add(id.toByteArray());
        }
        return Collections.enumeration(ids);
    }

    @Override
    public synchronized void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("session timeout must not be negative: " + seconds);
        }
        timeoutSeconds = seconds;
        removeExpired();
    }

    @Override
    public synchronized int getSessionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("session cache size must not be negative: " + size);
        }
        cacheSize = size;
        evictBeyondCapacity();
    }

    @Override
    public synchronized int getSessionCacheSize() {
        return cacheSize;
    }

    private boolean expired(XtlsSession s) {
        return timeoutSeconds > 0 && clock.getAsLong() - s.getCreationTime() >= timeoutSeconds * 1000L;
    }

    private void removeExpired() {
        List<XtlsSession> gone = sessions.values().stream().filter(s -> expired(s) || !s.isValid()).toList();
        gone.forEach(this::removeEntry);
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<Bytes, XtlsSession>> it = sessions.entrySet().iterator();
        while (cacheSize > 0 && sessions.size() > cacheSize && it.hasNext()) {
            XtlsSession s = it.next().getValue();
            it.remove();
            forget(s);
        }
    }
}
