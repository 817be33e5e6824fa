package dev.xtls.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A server-side session cache outside the JVM, shared by the servers of a fleet so that a client resuming by
 * session id (RFC 5246 §7.3) can land on any of them. Xtls hands it session state already sealed with the
 * context's session ticket keys: the store never sees a master secret, and what it returns is trusted only once it
 * authenticates. Implementations must be thread-safe, must bound every wait (a slow or absent store costs a full
 * handshake, never a failed one) and must not throw.
 */
public interface SessionCache extends AutoCloseable {
    /** Keeps {@code sealedState} under {@code sessionId} for {@code ttl}; may drop it when the store is unreachable. */
    void put(byte[] sessionId, byte[] sealedState, Duration ttl);

    /** What {@link #put} kept under {@code sessionId}; empty when absent, expired, or not answered in time. */
    Optional<byte[]> get(byte[] sessionId);

    /** Forgets {@code sessionId} (an invalidated session); best effort. */
    void remove(byte[] sessionId);

    /** Releases connections and threads. */
    @Override
    void close();
}
