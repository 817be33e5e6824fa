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

    /** What the server counted: connections served (socket: to the client's close; Netty: handshakes). */
    private record ServerSide(int count, List<String> failures) {
    }

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of(Server.SSL_SERVER_SOCKET, Peer.XTLS), Arguments.of(Server.SSL_SERVER_SOCKET,
                Peer.SUN), Arguments.of(Server.NETTY, Peer.XTLS), Arguments.of(Server.NETTY, Peer.SUN));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("servers")
    void thousandConcurrentConnectionsAllAnsweredNoLeak(Server server, Peer implementation) throws Exception {
        checkRun(server, implementation, WARM_UP, new ServerSide[1]); // class loading, JIT, lazily started threads

        Set<Thread> threadsBefore = HeapProbe.liveThreads();
        long baseline = HeapProbe.usedAfterGc();
        ServerSide[] serverSide = new ServerSide[1];
        ConcurrentClients.Result result = checkRun(server, implementation, CONNECTIONS, serverSide);
        long after = HeapProbe.usedAfterGc();
        Set<String> threadsLeft = HeapProbe.threadsLeftSince(threadsBefore);

        LoadReport.row(server + " " + CONNECTIONS + " concurrent", implementation.name(), String.format(
                "errors %d | p50 %.1f ms | p99 %.1f ms | heap %.1f KiB per connection (both ends) | heap after %+.1f"
                        + " MiB vs baseline %s",
                result.errors().size() + serverSide[0].failures().size(), result.handshakes().percentileMillis(50),
                result.handshakes().percentileMillis(99), (result.heapAtBarrier() - baseline) / 1024.0 / CONNECTIONS,
                (after - baseline) / 1048576.0, HeapProbe.mib(baseline)));
        assertTrue(threadsLeft.isEmpty(), "threads left after the run: " + threadsLeft);
        assertTrue(after - baseline < HEAP_TOLERANCE_MIB << 20, "used heap after GC grew from "
                + HeapProbe.mib(baseline) + " to " + HeapProbe.mib(after));
    }

    /** One run against a fresh server and client context, asserting every connection's outcome. */
    private static ConcurrentClients.Result checkRun(Server server, Peer implementation, int connections,
            ServerSide[] serverSide) throws Exception {
        SSLContext serverContext = implementation.context(Peer.TLS, PKI, PKI.ecdsaP256());
        SSLContext clientContext = Peer.SUN.context(Peer.TLS, PKI);
        ConcurrentClients.Result result;
        if (server == Server.SSL_SERVER_SOCKET) {
            PooledTlsServer s = PooledTlsServer.start(serverContext, connections);
            try {
                result = ConcurrentClients.run(clientContext, s.port(), connections, IN_FLIGHT);
            } finally {
                s.close();
            }
            serverSide[0] = new ServerSide(s.served(), s.failures());
        } else {
            NettyLineServer s = NettyLineServer.start(() -> serverEngine(serverContext));
            try {
                result = ConcurrentClients.run(clientContext, s.port(), connections, IN_FLIGHT);
            } finally {
                s.close();
            }
            serverSide[0] = new ServerSide(s.handshakes(), s.failures());
        }
        assertEquals(List.of(), result.errors(), "client errors");
        assertEquals(List.of(), serverSide[0].failures(), "server failures");
        assertEquals(connections, result.heldOpenAtOnce(), "connections open at once");
        assertEquals(connections, result.replies(), "replies");
        assertEquals(connections, serverSide[0].count(), "connections the server completed");
        return result;
    }

    static SSLEngine serverEngine(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }
}
