package dev.xtls.it.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 1,000 connections held open at once against an Xtls server and, in the same JVM right after, against SunJSSE:
 * the {@link PooledTlsServer} ({@code SSLServerSocket}, 1,000 threads) and the {@link NettyLineServer}
 * ({@code SslHandler} over the server's {@code SSLEngine}). Clients are SunJSSE {@code SSLSocket}s ("TLS" context,
 * so TLS 1.3), 100 handshaking at a time, ECDSA P-256 server certificate. Asserted: every connection was open at the
 * barrier and got its reply, the server saw no failure, no thread is left and used heap after GC is back within
 * {@value #HEAP_TOLERANCE_MIB} MiB of the baseline taken after a warm-up. Latency and the heap with all 1,000 open
 * (server and the SunJSSE client sockets: this JVM) are reported in target/load-report.md, not asserted.
 */
class ConcurrentLoadIT {
    private static final int CONNECTIONS = 1_000;
    private static final int IN_FLIGHT = 100;
    private static final int WARM_UP = 50;
    private static final long HEAP_TOLERANCE_MIB = 8;
    private static final TestPki PKI = TestPki.create();

    /** Which server the clients load. */
    enum Server {
        SSL_SERVER_SOCKET, NETTY
    }

    /** The clients' result and the server's count (socket: served to the client's close; Netty: handshakes). */
    private record Run(ConcurrentClients.Result clients, int serverCount, List<String> serverFailures) {
    }

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of(Server.SSL_SERVER_SOCKET, Peer.XTLS), Arguments.of(Server.SSL_SERVER_SOCKET,
                Peer.SUN), Arguments.of(Server.NETTY, Peer.XTLS), Arguments.of(Server.NETTY, Peer.SUN));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("servers")
    void thousandConcurrentConnectionsAllAnsweredNoLeak(Server server, Peer implementation) throws Exception {
        checkRun(server, implementation, WARM_UP); // class loading, JIT, lazily started threads

        Set<Thread> threadsBefore = HeapProbe.liveThreads();
        long baseline = HeapProbe.usedAfterGc();
        Run run = checkRun(server, implementation, CONNECTIONS);
        ConcurrentClients.Result result = run.clients();
        long after = HeapProbe.usedAfterGc();
        Set<String> threadsLeft = HeapProbe.threadsLeftSince(threadsBefore);

        LoadReport.row(server + " " + CONNECTIONS + " concurrent", implementation.name(), String.format(
                "errors %d | p50 %.1f ms | p99 %.1f ms | heap %.1f KiB per connection (both ends) | heap after %+.1f"
                        + " MiB vs baseline %s",
                result.errors().size() + run.serverFailures().size(), result.handshakes().percentileMillis(50),
                result.handshakes().percentileMillis(99), (result.heapAtBarrier() - baseline) / 1024.0 / CONNECTIONS,
                (after - baseline) / 1048576.0, HeapProbe.mib(baseline)));
        assertTrue(threadsLeft.isEmpty(), "threads left after the run: " + threadsLeft);
        assertTrue(after - baseline < HEAP_TOLERANCE_MIB << 20, "used heap after GC grew from "
                + HeapProbe.mib(baseline) + " to " + HeapProbe.mib(after));
    }

    /** One run against a fresh server and client context, asserting every connection's outcome. */
    private static Run checkRun(Server server, Peer implementation, int connections) throws Exception {
        SSLContext serverContext = implementation.context(Peer.TLS, PKI, PKI.ecdsaP256());
        SSLContext clientContext = Peer.SUN.context(Peer.TLS, PKI);
        Run run;
        if (server == Server.SSL_SERVER_SOCKET) {
            try (PooledTlsServer s = PooledTlsServer.start(serverContext, connections)) {
                ConcurrentClients.Result clients = ConcurrentClients.run(clientContext, s.port(), connections,
                        IN_FLIGHT);
                s.close(); // waits for the pool: every connection served to its end (closing again is harmless)
                run = new Run(clients, s.served(), s.failures());
            }
        } else {
            try (NettyLineServer s = NettyLineServer.start(() -> serverEngine(serverContext))) {
                run = new Run(ConcurrentClients.run(clientContext, s.port(), connections, IN_FLIGHT), s.handshakes(),
                        s.failures());
            }
        }
        assertEquals(List.of(), run.clients().errors(), "client errors");
        assertEquals(List.of(), run.serverFailures(), "server failures");
        assertEquals(connections, run.clients().heldOpenAtOnce(), "connections open at once");
        assertEquals(connections, run.clients().replies(), "replies");
        assertEquals(connections, run.serverCount(), "connections the server completed");
        return run;
    }

    static SSLEngine serverEngine(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }
}
