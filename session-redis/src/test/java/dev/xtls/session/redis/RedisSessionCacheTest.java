package dev.xtls.session.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.spi.SessionCache;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache against a real redis-server on loopback; Redis's own view is read with {@link RespClient}. */
class RedisSessionCacheTest {
    // A bound no correct implementation comes near (the wait budget is 50 ms); it only proves nothing hangs.
    private static final Duration HANG_BOUND = Duration.ofSeconds(2);
    private static final Duration AWAIT = Duration.ofSeconds(15);
    private static final Duration TTL = Duration.ofMinutes(5);

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension();

    private final RedisSessionCacheFactory factory = new RedisSessionCacheFactory();

    @Test
    void putThenGetReturnsTheSameBinaryBytesUnderANamespacedKey() throws Exception {
        byte[] id = bytes(32, 7);
        byte[] sealed = new byte[256];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = (byte) i; // every byte value, \0 and \r\n included
        }
        // A budget no loaded CI machine misses, so that a warning can only mean the cache misjudged Redis.
        try (CapturedLog log = new CapturedLog(); SessionCache cache = factory.open(redis.location("timeout=1s"))) {
            cache.put(id, sealed, TTL);
            assertArrayEquals(sealed, awaitPresent(cache, id));
            assertEquals(List.of(), log.at(Level.WARNING), "a healthy Redis, connecting on first use");
        }
        try (RespClient raw = redis.client()) {
            assertArrayEquals(sealed, (byte[]) raw.call("GET", "xtls:session:" + HexFormat.of().formatHex(id)));
        }
    }

    @Test
    void prefixParameterNamespacesTheKeys() throws Exception {
        byte[] id = bytes(16, 1);
        try (SessionCache cache = factory.open(redis.location("prefix=fleet-a:"))) {
            cache.put(id, bytes(10, 2), TTL);
            awaitPresent(cache, id);
        }
        try (RespClient raw = redis.client()) {
            assertEquals(1L, raw.call("EXISTS", "fleet-a:" + HexFormat.of().formatHex(id)));
            assertEquals(0L, raw.call("EXISTS", "xtls:session:" + HexFormat.of().formatHex(id)));
        }
    }

    @Test
    void sessionTimeoutIsTheKeysTimeToLive() throws Exception {
        byte[] id = bytes(32, 3);
        Duration ttl = Duration.ofSeconds(30);
        try (SessionCache cache = factory.open(redis.location(""))) {
            cache.put(id, bytes(48, 4), ttl);
            awaitPresent(cache, id);
        }
        try (RespClient raw = redis.client()) {
            long pttl = (Long) raw.call("PTTL", "xtls:session:" + HexFormat.of().formatHex(id));
            System.out.println("PTTL after put with a 30 s session timeout: " + pttl + " ms");
            // -1 would be a key without expiry, -2 a missing key.
            assertTrue(pttl > 0 && pttl <= ttl.toMillis(), "PTTL " + pttl);
        }
    }

    @Test
    void removeForgetsTheSession() throws Exception {
        byte[] id = bytes(32, 5);
        try (SessionCache cache = factory.open(redis.location("")); RespClient raw = redis.client()) {
            cache.put(id, bytes(20, 6), TTL);
            awaitPresent(cache, id);
            cache.remove(id);
            long deadline = System.nanoTime() + AWAIT.toNanos();
            while (!Long.valueOf(0).equals(raw.call("EXISTS", "xtls:session:" + HexFormat.of().formatHex(id)))) {
                if (System.nanoTime() > deadline) {
                    fail("remove did not delete the key within " + AWAIT.toSeconds() + " s");
                }
                Thread.sleep(10);
            }
            assertEquals(Optional.empty(), cache.get(id).map(HexFormat.of()::formatHex));
        }
    }

    @Test
    void twoServersSeeEachOthersSessions() {
        byte[] idA = bytes(32, 8);
        byte[] idB = bytes(32, 9);
        try (SessionCache serverA = factory.open(redis.location(""));
             SessionCache serverB = factory.open(redis.location(""))) {
            serverA.put(idA, bytes(40, 10), TTL);
            serverB.put(idB, bytes(40, 11), TTL);
            assertArrayEquals(bytes(40, 10), awaitPresent(serverB, idA));
            assertArrayEquals(bytes(40, 11), awaitPresent(serverA, idB));
        }
    }

    @Test
    void zeroTimeToLiveIsNotStored() throws Exception {
        byte[] kept = bytes(32, 12);
        byte[] dropped = bytes(32, 13);
        try (SessionCache cache = factory.open(redis.location(""))) {
            cache.put(dropped, bytes(8, 1), Duration.ZERO);
            cache.put(kept, bytes(8, 2), TTL);
            awaitPresent(cache, kept);
        }
        try (RespClient raw = redis.client()) {
            assertEquals(1L, raw.call("DBSIZE"));
        }
    }

    @Test
    void stoppedRedisCostsABoundedWaitAndNoException() throws Exception {
        byte[] id = bytes(32, 14);
        try (SessionCache cache = factory.open(redis.location(""))) {
            cache.put(id, bytes(8, 1), TTL);
            awaitPresent(cache, id);
            redis.stop();

            long start = System.nanoTime();
            Optional<byte[]> got = cache.get(id);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("get with Redis stopped answered empty after " + elapsed.toMillis() + " ms");
            assertTrue(got.isEmpty());
            assertTrue(elapsed.compareTo(HANG_BOUND) < 0, "get took " + elapsed.toMillis() + " ms");

            start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) { // more than the bounded queue holds: dropped, never thrown or kept
                cache.put(bytes(32, i), bytes(8, i), TTL);
                cache.remove(bytes(32, i));
            }
            System.out.println("10000 put+remove with Redis stopped returned after "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        }
    }

    @Test
    void slowRedisCostsTheTimeoutNotItsDelay() throws Exception {
        byte[] id = bytes(32, 15);
        try (SessionCache cache = factory.open(redis.location("timeout=50ms")); RespClient raw = redis.client()) {
            cache.put(id, bytes(8, 1), TTL);
            awaitPresent(cache, id);
            raw.call("CLIENT", "PAUSE", "5000", "ALL"); // Redis holds every client's commands for 5 s

            long start = System.nanoTime();
            Optional<byte[]> got = cache.get(id);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("get with Redis paused for 5 s answered empty after " + elapsed.toMillis() + " ms");
            assertTrue(got.isEmpty());
            assertTrue(elapsed.compareTo(HANG_BOUND) < 0, "get took " + elapsed.toMillis() + " ms");
        }
    }

    @Test
    void connectStillInProgressIsNotReportedAsAnOutage() throws Exception {
        try (RespClient raw = redis.client()) {
            // Holds the cache's connection handshake (its PING) for 0.7 s: longer than a get's budget, shorter than
            // the connect timeout (1 s).
            raw.call("CLIENT", "PAUSE", "700", "ALL");
        }
        try (CapturedLog log = new CapturedLog();
             SessionCache cache = factory.open(redis.location("timeout=250ms"))) {
            assertTrue(cache.get(bytes(32, 20)).isEmpty()); // answered within its budget, while connecting
            cache.put(bytes(32, 21), bytes(8, 21), TTL);
            assertArrayEquals(bytes(8, 21), awaitPresent(cache, bytes(32, 21)));
            assertEquals(List.of(), log.at(Level.WARNING), "a Redis that answers the connect within its timeout");
        }
    }

    @Test
    void redisDownAtOpenIsConnectedToOnceItStarts() throws Exception {
        redis.stop();
        long start = System.nanoTime();
        try (SessionCache cache = factory.open(redis.location(""))) {
            Duration opening = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("open with Redis down returned after " + opening.toMillis() + " ms");
            assertTrue(opening.compareTo(HANG_BOUND) < 0, "open took " + opening.toMillis() + " ms");
            assertTrue(cache.get(bytes(32, 16)).isEmpty());

            redis.start();
            assertArrayEquals(bytes(8, 17), awaitWritten(cache, bytes(32, 17), bytes(8, 17)));
        }
    }

    @Test
    void redisRestartedOnTheSamePortServesSessionsWrittenAfterwards() throws Exception {
        try (CapturedLog log = new CapturedLog(); SessionCache cache = factory.open(redis.location("timeout=1s"))) {
            cache.put(bytes(32, 18), bytes(8, 18), TTL);
            awaitPresent(cache, bytes(32, 18));
            redis.stop();
            for (int i = 0; i < 100; i++) {
                assertTrue(cache.get(bytes(32, 18)).isEmpty());
            }

            redis.start(); // empty: --save "" keeps nothing across restarts
            assertArrayEquals(bytes(8, 19), awaitWritten(cache, bytes(32, 19), bytes(8, 19)));
            for (int i = 0; i < 100; i++) {
                assertTrue(cache.get(bytes(32, 19)).isPresent());
            }
            // Once per change of state, not once per request.
            assertEquals(1, log.at(Level.WARNING).size(), log.at(Level.WARNING).toString());
            assertEquals(1, log.at(Level.INFO).size(), log.at(Level.INFO).toString());
        }
    }

    @Test
    void closedCacheAnswersEmptyAndLogsNoOutage() {
        byte[] id = bytes(32, 22);
        try (CapturedLog log = new CapturedLog()) {
            SessionCache cache = factory.open(redis.location("timeout=1s"));
            cache.put(id, bytes(8, 22), TTL);
            awaitPresent(cache, id);
            cache.close();
            // A handshake finishing while its context shuts down: no exception, and Redis is not "unreachable".
            assertTrue(cache.get(id).isEmpty());
            cache.put(bytes(32, 23), bytes(8, 23), TTL);
            cache.remove(id);
            cache.close();
            assertEquals(List.of(), log.at(Level.WARNING));
        }
    }

    // Polls get until the entry is there: puts are asynchronous, so a get may run before Redis has the value.
    private static byte[] awaitPresent(SessionCache cache, byte[] id) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> value = cache.get(id);
            if (value.isPresent()) {
                return value.get();
            }
            sleep();
        }
        return fail("session " + HexFormat.of().formatHex(id) + " not readable within " + AWAIT.toSeconds() + " s");
    }

    // Puts again until a get answers: a put made while reconnecting is dropped, by design.
    private static byte[] awaitWritten(SessionCache cache, byte[] id, byte[] value) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            cache.put(id, value, TTL);
            Optional<byte[]> read = cache.get(id);
            if (read.isPresent()) {
                return read.get();
            }
            sleep();
        }
        return fail("the cache did not come back within " + AWAIT.toSeconds() + " s after Redis started");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
