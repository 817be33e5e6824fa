package dev.xtls.it.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 idle TLS 1.2 connections held open against a {@link NettyLineServer} on Xtls and, in the same JVM right
 * after, on SunJSSE. The clients are SunJSSE engines in a child JVM ({@link IdleClientsMain}); the first connection
 * makes a full handshake and the others resume its session. Asserted: every handshake succeeded on both sides, the
 * server saw no failure, no thread is left and used heap after GC is back within {@value #HEAP_TOLERANCE_MIB} MiB of
 * the baseline once all are closed. Heap per idle connection (held minus baseline, after GC) is reported.
 * {@code -Dload.idle.connections=N} runs another count.
 */
class IdleConnectionsIT {
    private static final int CONNECTIONS = Integer.getInteger("load.idle.connections", 10_000);
    private static final int IN_FLIGHT = 200;
    private static final long HEAP_TOLERANCE_MIB = 8;
    private static final long WAIT_S = 240;
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    /** Server heap with every connection open, and after all closed. */
    private record Heap(long held, long after) {
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"XTLS", "SUN"})
    void tenThousandIdleConnectionsHeldThenReleased(Peer implementation) throws Exception {
        warmUp(implementation);
        Set<Thread> threadsBefore = HeapProbe.liveThreads();
        long baseline = HeapProbe.usedAfterGc();
        Heap heap = holdIdle(implementation);
        Set<String> threadsLeft = HeapProbe.threadsLeftSince(threadsBefore);

        LoadReport.row(CONNECTIONS + " idle (TLS 1.2 resumed)", implementation.name(), String.format(
                "heap %.1f KiB per connection | heap after %+.1f MiB vs baseline %s",
                (heap.held() - baseline) / 1024.0 / CONNECTIONS, (heap.after() - baseline) / 1048576.0,
                HeapProbe.mib(baseline)));
        assertTrue(threadsLeft.isEmpty(), "threads left after the run: " + threadsLeft);
        assertTrue(heap.after() - baseline < HEAP_TOLERANCE_MIB << 20, "used heap after GC grew from "
                + HeapProbe.mib(baseline) + " to " + HeapProbe.mib(heap.after()));
    }

    /** A few connections through the same server code first: class loading and JIT are not in the baseline. */
    private static void warmUp(Peer implementation) throws Exception {
        SSLContext ctx = implementation.context(Peer.TLS, PKI, PKI.ecdsaP256());
        try (NettyLineServer server = NettyLineServer.start(() -> ConcurrentLoadIT.serverEngine(ctx))) {
            ConcurrentClients.Result r = ConcurrentClients.run(Peer.SUN.context(Peer.TLS12, PKI), server.port(), 20,
                    10);
            assertEquals(List.of(), r.errors());
        }
    }

    private Heap holdIdle(Peer implementation) throws Exception {
        SSLContext ctx = implementation.context(Peer.TLS, PKI, PKI.ecdsaP256());
        long held;
        NettyLineServer server = NettyLineServer.start(() -> ConcurrentLoadIT.serverEngine(ctx));
        try (IdleClients clients = IdleClients.start(dir, server.port(), CONNECTIONS, IN_FLIGHT,
                PKI.writeCaPem(dir))) {
            IdleClients.Ready ready = clients.awaitReady(WAIT_S);
            assertEquals(new IdleClients.Ready(CONNECTIONS, 0, 1), ready, "clients: all handshaken, one session\n"
                    + clients.describe());
            awaitCount("server handshakes", server::handshakes, CONNECTIONS);
            assertEquals(CONNECTIONS, server.open(), "connections open at the server");
            held = HeapProbe.usedAfterGc();
            clients.closeAll(WAIT_S);
            awaitCount("connections open at the server", server::open, 0);
            assertEquals(List.of(), server.failures(), "server failures");
        } finally {
            server.close();
        }
        return new Heap(held, HeapProbe.usedAfterGc());
    }

    /** Waits (bounded) until {@code count} reaches {@code expected}, and asserts it did. */
    private static void awaitCount(String what, IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_S * 1_000_000_000L;
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.getAsInt(), what);
    }
}
