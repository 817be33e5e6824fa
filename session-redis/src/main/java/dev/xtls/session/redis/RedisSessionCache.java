package dev.xtls.session.redis;

import dev.xtls.spi.SessionCache;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Session ids shared by a fleet (RFC 5246 §7.3 resumption by id on any server) in Redis: {@code SET key value PX ttl},
 * {@code GET}, {@code DEL} under {@code <prefix><hex id>}. The values are session state Xtls sealed with the ticket
 * keys. Every wait is bounded by the location's timeout: {@link #get} answers empty when Redis is slow, down or
 * failing, and {@link #put}/{@link #remove} never wait at all.
 */
public final class RedisSessionCache implements SessionCache {
    // Writes sent but not yet answered (or waiting for the connection); beyond that, writes are dropped.
    static final int MAX_PENDING_WRITES = 1024;
    // A background connect (and Redis's connection handshake) may take this long; no handshake waits for it.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final RedisLocation location;
    private final byte[] keyPrefix;
    private final ClientResources resources;
    private final RedisClient client;
    private final ReachabilityLog log;
    private final LazyConnection connection;
    private final Semaphore pendingWrites = new Semaphore(MAX_PENDING_WRITES);
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisSessionCache(RedisLocation location) {
        this.location = location;
        this.keyPrefix = location.keyPrefix().getBytes(StandardCharsets.UTF_8);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2) // Lettuce's minimum; one connection needs no more
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(5), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while disconnected, and never queue more than this: a down Redis costs no memory.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_PENDING_WRITES)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(location.timeout()))
                // RESP2: GET/SET/DEL need nothing newer, and it saves the HELLO round trip.
                .protocolVersion(ProtocolVersion.RESP2)
                .build());
        this.log = new ReachabilityLog(location.display());
        this.connection = new LazyConnection(client, redisUri(location), log);
        connection.get(); // start connecting now, without waiting
    }

    @Override
    public void put(byte[] sessionId, byte[] sealedState, Duration ttl) {
        long ttlMillis = ttl.toMillis();
        if (ttlMillis <= 0) {
            return;
        }
        byte[] value = sealedState.clone();
        write(redis -> redis.async().set(key(sessionId), value, SetArgs.Builder.px(ttlMillis)));
    }

    @Override
    public Optional<byte[]> get(byte[] sessionId) {
        if (closed.get()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + location.timeout().toNanos();
        StatefulRedisConnection<byte[], byte[]> redis;
        try {
            redis = connection.get().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty(); // a connect in progress is no outage; a failed one reports itself (LazyConnection)
        }
        try {
            byte[] value = redis.async().get(key(sessionId)).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            log.answered();
            return Optional.ofNullable(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            log.failed(e.getCause());
            return Optional.empty();
        } catch (TimeoutException | RuntimeException e) {
            log.failed(e);
            return Optional.empty();
        }
    }

    @Override
    public void remove(byte[] sessionId) {
        write(redis -> redis.async().del(key(sessionId)));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connection.close();
        client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "RedisSessionCache[" + location.display() + ", timeout " + location.timeout().toMillis() + " ms]";
    }

    // Fire and forget: sent when the connection is there, dropped when too many are outstanding or it fails.
    private <T> void write(Function<StatefulRedisConnection<byte[], byte[]>, CompletionStage<T>> command) {
        if (closed.get() || !pendingWrites.tryAcquire()) {
            return;
        }
        try {
            connection.get().thenCompose(command).whenComplete((ignored, failure) -> {
                pendingWrites.release();
                if (failure == null) {
                    log.answered();
                } else {
                    log.failed(failure);
                }
            });
        } catch (RuntimeException e) {
            pendingWrites.release();
            log.failed(e);
        }
    }

    private byte[] key(byte[] sessionId) {
        byte[] hex = HexFormat.of().formatHex(sessionId).getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[keyPrefix.length + hex.length];
        System.arraycopy(keyPrefix, 0, key, 0, keyPrefix.length);
        System.arraycopy(hex, 0, key, keyPrefix.length, hex.length);
        return key;
    }

    private static RedisURI redisUri(RedisLocation location) {
        RedisURI.Builder uri = RedisURI.Builder.redis(location.host(), location.port())
                .withDatabase(location.database())
                .withTimeout(CONNECT_TIMEOUT);
        if (location.password() != null) {
            uri = location.username() == null ? uri.withPassword(location.password())
                    : uri.withAuthentication(location.username(), location.password());
        }
        return uri.build();
    }
}
