package dev.xtls.jsse;

import dev.xtls.session.SessionState;
import dev.xtls.spi.SessionCache;
import dev.xtls.spi.SessionCacheFactory;
import java.net.URI;
import java.security.KeyManagementException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A server context's session cache outside the JVM ({@value #LOCATION}), which a fleet shares so that resumption by
 * id (RFC 5246 §7.3) works on any of its servers. Sessions go there sealed with the ticket keys (RFC 5077 §4
 * format, so the fleet must share a key file) and come back only when they open; the store bounds every wait.
 */
final class SharedSessionCache {
    static final String LOCATION = "dev.xtls.sessionCache";

    private final SessionTickets tickets;
    private volatile SessionCache store;

    SharedSessionCache(SessionTickets tickets) {
        this.tickets = tickets;
    }

    /** At init: opens the store {@value #LOCATION} names, through the first factory that accepts it. */
    void configure(UnaryOperator<String> properties) throws KeyManagementException {
        String location = properties.apply(LOCATION);
        if (location == null || location.isBlank()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(location.trim());
        } catch (IllegalArgumentException e) {
            throw new KeyManagementException(LOCATION + "=" + location + " is not a URI: " + e.getMessage(), e);
        }
        for (SessionCacheFactory f : ServiceLoader.load(SessionCacheFactory.class)) {
            if (f.accepts(uri)) {
                try {
                    use(f.open(uri));
                } catch (IllegalArgumentException e) {
                    throw new KeyManagementException(LOCATION + "=" + location + ": " + e.getMessage(), e);
                }
                return;
            }
        }
        throw new KeyManagementException("no session cache module on the class path accepts " + LOCATION + "="
                + location + " (for redis:// add dev.xtls:xtls-session-redis)");
    }

    /** From now on sessions are shared through {@code cache}; null stops sharing. The previous one is closed. */
    void use(SessionCache cache) {
        SessionCache old = store;
        store = cache;
        if (old != null && old != cache) {
            old.close();
        }
    }

    /**
     * The session stored under {@code id}, if the store answers in time, it opens under our keys and {@code ourChains}
     * (the key manager's getCertificateChain) still has the chain it names.
     */
    Optional<SessionState> find(byte[] id, String peerHost, int peerPort,
            Function<String, X509Certificate[]> ourChains) {
        SessionCache s = store;
        if (s == null) {
            return Optional.empty();
        }
        return s.get(id).flatMap(sealed -> tickets.openSealed(sealed, peerHost, peerPort, ourChains))
                .filter(state -> java.util.Arrays.equals(state.sessionId().toByteArray(), id));
    }

    /** Shares a session a full handshake made, for the rest of its lifetime. */
    void store(SessionState session) {
        SessionCache s = store;
        if (s == null || session.sessionId().isEmpty()) {
            return;
        }
        long lifetime = tickets.lifetimeSeconds();
        tickets.seal(session, lifetime).ifPresent(sealed ->
                s.put(session.sessionId().toByteArray(), sealed, Duration.ofSeconds(lifetime)));
    }

    /** An invalidated session leaves the shared store too. */
    void remove(byte[] id) {
        SessionCache s = store;
        if (s != null && id.length > 0) {
            s.remove(id);
        }
    }
}
