package dev.xtls.jsse;

import dev.xtls.wire.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * One side's established sessions, least recently used first, owned by one SSLContext. Sessions expire
 * {@code timeout} seconds after creation (0: never); beyond {@code cacheSize} (0: unbounded) the least recently
 * used is dropped. Resumption is not implemented yet: sessions are only recorded.
 */
public final class XtlsSessionContext implements SSLSessionContext {
    public static final int DEFAULT_TIMEOUT_SECONDS = 86400;
    public static final int DEFAULT_CACHE_SIZE = 20480;

    private final LongSupplier clock;
    private final LinkedHashMap<Bytes, XtlsSession> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private int cacheSize = DEFAULT_CACHE_SIZE;

    public XtlsSessionContext(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** Records an established session; one without an id (RFC 5246 §7.4.1.3: not resumable) is not kept. */
    synchronized void record(XtlsSession session) {
        byte[] id = session.getId();
        if (id.length == 0) {
            return;
        }
        sessions.put(Bytes.wrap(id), session);
        evictBeyondCapacity();
    }

    synchronized void remove(XtlsSession session) {
        sessions.remove(Bytes.wrap(session.getId()), session);
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
            sessions.remove(key);
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
        sessions.values().removeIf(s -> expired(s) || !s.isValid());
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<Bytes, XtlsSession>> it = sessions.entrySet().iterator();
        while (cacheSize > 0 && sessions.size() > cacheSize && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
