package dev.xtls.session.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The one Redis connection of a cache, opened in the background: a Redis that is down when the server starts costs
 * no wait, and the connection is tried again (at most once per {@link #RETRY_INTERVAL}) when an operation needs it.
 * Once open, Lettuce's auto-reconnect keeps it: commands sent while it is reconnecting are rejected at once.
 */
final class LazyConnection {
    // How often a failed first connect is tried again; later outages are Lettuce's reconnect delay's business.
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final RedisClient client;
    private final RedisURI uri;
    private final ReachabilityLog log;
    private final Object lock = new Object();
    private volatile CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current;
    private long lastAttemptNanos; // guarded by lock
    private boolean closed; // guarded by lock

    LazyConnection(RedisClient client, RedisURI uri, ReachabilityLog log) {
        this.client = client;
        this.uri = uri;
        this.log = log;
    }

    /** The connection, done or pending; failed when the last attempt failed and it is too early to try again. */
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> get() {
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection = current;
        if (connection != null && !needsNewAttempt(connection)) {
            return connection;
        }
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("session cache closed"));
            }
            long now = System.nanoTime();
            if (current == null || needsNewAttempt(current) && now - lastAttemptNanos >= RETRY_INTERVAL.toNanos()) {
                lastAttemptNanos = now;
                current = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
                current.whenComplete((opened, failure) -> {
                    if (failure != null) {
                        log.failed(failure);
                    }
                });
            }
            return current;
        }
    }

    /** Stops any further attempt; the client's shutdown closes what is open. */
    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private static boolean needsNewAttempt(CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection) {
        return connection.isCompletedExceptionally() || connection.isDone() && !connection.join().isOpen();
    }
}
