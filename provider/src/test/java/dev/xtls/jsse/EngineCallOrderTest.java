package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wrong call order the SSLEngine API lets an application make, each run on a SunJSSE engine and an Xtls
 * engine: both must answer alike (the same exception type, or the same result status), and none may hang.
 */
class EngineCallOrderTest {
    private static final int BIG = 1 << 17;
    private static final int MAX_STEPS = 1000; // every retry loop below is bounded
    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    /** A scenario on fresh engines of one implementation; returns what the application saw. */
    @FunctionalInterface
    private interface Scenario {
        String run(Engines e) throws Exception;
    }

    /** A client and a server engine of one implementation, TLS 1.2 and TLS 1.3 contexts alike. */
    private record Engines(SSLContext clientContext, SSLContext serverContext) {
        SSLEngine client() {
            SSLEngine c = clientContext.createSSLEngine("localhost", 443);
            c.setUseClientMode(true);
            return c;
        }

        SSLEngine server() {
            SSLEngine s = serverContext.createSSLEngine();
            s.setUseClientMode(false);
            return s;
        }

        /** An established pair. */
        EnginePair connected() {
            EnginePair p = EnginePair.of(client(), server(), EnginePair.Mode.NORMAL);
            p.handshake();
            return p;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> rows = new ArrayList<>();
        row(rows, "wrap before setUseClientMode", e -> outcome(() -> e.clientContext().createSSLEngine()
                .wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG))));
        row(rows, "unwrap before setUseClientMode", e -> outcome(() -> e.clientContext().createSSLEngine()
                .unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG))));
        row(rows, "beginHandshake before setUseClientMode", e -> outcome(() -> {
            e.clientContext().createSSLEngine().beginHandshake();
            return "returned";
        }));
        row(rows, "setUseClientMode after the handshake began", e -> {
            SSLEngine c = e.client();
            c.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG));
            return outcome(() -> {
                c.setUseClientMode(false);
                return "returned";
            });
        });
        row(rows, "setEnabledProtocols after the handshake began", e -> {
            SSLEngine c = e.client();
            c.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG));
            return outcome(() -> {
                c.setEnabledProtocols(new String[] {"TLSv1.2"});
                return "returned";
            });
        });
        row(rows, "unwrap on a client before any wrap", e -> outcome(() -> e.client()
                .unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG))));
        row(rows, "wrap on a server before any unwrap", e -> outcome(() -> e.server()
                .wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG))));
        row(rows, "wrap after closeOutbound, before the handshake", e -> {
            SSLEngine c = e.client();
            c.closeOutbound();
            return outcome(() -> c.wrap(ByteBuffer.wrap(new byte[8]), ByteBuffer.allocate(BIG)));
        });
        row(rows, "wrap after closeOutbound and its close_notify", e -> {
            SSLEngine c = e.connected().engine(Role.CLIENT);
            c.closeOutbound();
            ByteBuffer net = ByteBuffer.allocate(BIG);
            String first = outcome(() -> c.wrap(ByteBuffer.wrap(new byte[8]), net));
            return first + ", then " + outcome(() -> c.wrap(ByteBuffer.wrap(new byte[8]), net));
        });
        row(rows, "unwrap after closeInbound, before the handshake", e -> {
            SSLEngine s = e.server();
            s.closeInbound();
            return outcome(() -> s.unwrap(ByteBuffer.wrap(clientHello(e)), ByteBuffer.allocate(BIG)));
        });
        row(rows, "unwrap after closeInbound, after the handshake", e -> {
            EnginePair p = e.connected();
            ByteBuffer net = ByteBuffer.allocate(BIG);
            p.engine(Role.SERVER).wrap(ByteBuffer.wrap(new byte[8]), net);
            net.flip();
            SSLEngine c = p.engine(Role.CLIENT);
            String closing = outcome(() -> {
                c.closeInbound();
                return "returned";
            });
            // the handshake status differs on purpose: Xtls then sends close_notify (IMPLEMENTATION_NOTES.md)
            return closing + ", then " + c.unwrap(net, ByteBuffer.allocate(BIG)).getStatus();
        });
        row(rows, "closeInbound without close_notify after the handshake", e -> {
            SSLEngine c = e.connected().engine(Role.CLIENT);
            String closing = outcome(() -> {
                c.closeInbound();
                return "returned";
            });
            return closing + ", inbound done " + c.isInboundDone();
        });
        row(rows, "beginHandshake twice", e -> {
            SSLEngine c = e.client();
            c.beginHandshake();
            return outcome(() -> {
                c.beginHandshake();
                return "returned " + c.getHandshakeStatus();
            });
        });
        row(rows, "beginHandshake after closeOutbound", e -> {
            SSLEngine c = e.client();
            c.closeOutbound();
            return outcome(() -> {
                c.beginHandshake();
                return "returned " + c.getHandshakeStatus();
            });
        });
        row(rows, "beginHandshake after closeInbound", e -> {
            SSLEngine c = e.client();
            c.closeInbound();
            return outcome(() -> {
                c.beginHandshake();
                return "returned " + c.getHandshakeStatus();
            });
        });
        row(rows, "beginHandshake after closeOutbound on an established engine", e -> {
            SSLEngine c = e.connected().engine(Role.CLIENT);
            c.closeOutbound();
            return outcome(() -> {
                c.beginHandshake();
                return "returned " + c.getHandshakeStatus();
            });
        });
        row(rows, "getDelegatedTask from two threads at once", EngineCallOrderTest::concurrentDelegatedTasks);
        row(rows, "wrap into a destination too small, growing it", e -> {
            SSLEngine c = e.client();
            ByteBuffer dst = ByteBuffer.allocate(1);
            for (int i = 0; i < MAX_STEPS; i++) {
                SSLEngineResult r = c.wrap(ByteBuffer.allocate(0), dst);
                if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    return "first " + SSLEngineResult.Status.BUFFER_OVERFLOW + ", then " + r.getStatus();
                }
                dst = ByteBuffer.allocate(dst.capacity() * 2);
            }
            return "still overflowing after " + MAX_STEPS + " steps";
        });
        row(rows, "unwrap of a record arriving byte by byte", e -> {
            byte[] hello = clientHello(e);
            SSLEngine s = e.server();
            ByteBuffer src = ByteBuffer.allocate(hello.length);
            List<SSLEngineResult.Status> seen = new ArrayList<>();
            for (int i = 0; i < hello.length; i++) {
                src.put(hello[i]).flip();
                SSLEngineResult r = s.unwrap(src, ByteBuffer.allocate(BIG));
                src.compact();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != r.getStatus()) {
                    seen.add(r.getStatus());
                }
            }
            return seen.toString();
        });
        row(rows, "unwrap application data into a destination too small", e -> {
            EnginePair p = e.connected();
            SSLEngine c = p.engine(Role.CLIENT);
            ByteBuffer net = ByteBuffer.allocate(BIG);
            c.wrap(ByteBuffer.wrap(new byte[1000]), net);
            net.flip();
            SSLEngine s = p.engine(Role.SERVER);
            String small = outcome(() -> s.unwrap(net, ByteBuffer.allocate(10)));
            return small + ", then " + outcome(() -> s.unwrap(net, ByteBuffer.allocate(BIG)));
        });
        row(rows, "wrap into a read-only destination", e -> outcome(() -> e.client()
                .wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(BIG).asReadOnlyBuffer())));
        row(rows, "unwrap into a read-only destination", e -> outcome(() -> e.server()
                .unwrap(ByteBuffer.wrap(clientHello(e)), ByteBuffer.allocate(BIG).asReadOnlyBuffer())));
        row(rows, "wrap of a null source", e -> outcome(() -> e.client()
                .wrap((ByteBuffer) null, ByteBuffer.allocate(BIG))));
        row(rows, "wrap into a null destination", e -> outcome(() -> e.client()
                .wrap(ByteBuffer.allocate(0), null)));
        row(rows, "wrap of a null array element", e -> outcome(() -> e.client()
                .wrap(new ByteBuffer[] {null}, ByteBuffer.allocate(BIG))));
        row(rows, "unwrap of a null source", e -> outcome(() -> e.server()
                .unwrap(null, ByteBuffer.allocate(BIG))));
        row(rows, "unwrap into a null destination array", e -> outcome(() -> e.server()
                .unwrap(ByteBuffer.allocate(0), (ByteBuffer[]) null)));
        row(rows, "wrap with offset out of range", e -> outcome(() -> e.client()
                .wrap(new ByteBuffer[] {ByteBuffer.allocate(1)}, 2, 0, ByteBuffer.allocate(BIG))));
        row(rows, "wrap with negative length", e -> outcome(() -> e.client()
                .wrap(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, -1, ByteBuffer.allocate(BIG))));
        row(rows, "unwrap with offset+length past the array", e -> outcome(() -> e.server()
                .unwrap(ByteBuffer.wrap(clientHello(e)), new ByteBuffer[] {ByteBuffer.allocate(BIG)}, 1, 1)));
        return rows.stream();
    }

    private static void row(List<Arguments> rows, String name, Scenario s) {
        rows.add(Arguments.of(name, s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void xtlsAnswersAsSunJsse(String name, Scenario scenario) {
        String sun = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scenario.run(engines(Peer.SUN)));
        String xtls = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scenario.run(engines(Peer.XTLS)));
        assertEquals(sun, xtls, name);
    }

    private static Engines engines(Peer peer) {
        return new Engines(peer.context(pki), peer.context(pki, pki.ecdsaP256()));
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Exception;
    }

    /** The result's status and handshake status, or the exception's type: what an application branches on. */
    private static String outcome(Call call) {
        try {
            Object o = call.call();
            if (o instanceof SSLEngineResult r) {
                return r.getStatus() + "/" + r.getHandshakeStatus() + (r.bytesProduced() > 0 ? "/produced" : "");
            }
            return String.valueOf(o);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    /** A client engine's first flight (its ClientHello record) of the same implementation. */
    private static byte[] clientHello(Engines e) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(BIG);
        e.client().wrap(ByteBuffer.allocate(0), net);
        net.flip();
        byte[] b = new byte[net.remaining()];
        net.get(b);
        return b;
    }

    /**
     * A server that has read a ClientHello, asked for its delegated tasks by two threads at once: each task (SunJSSE
     * has some, Xtls none) is handed out once, and the server then goes on with its first flight.
     */
    private static String concurrentDelegatedTasks(Engines e) throws Exception {
        SSLEngine s = e.server();
        s.unwrap(ByteBuffer.wrap(clientHello(e)), ByteBuffer.allocate(BIG));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> askers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                askers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int ran = 0;
                    Runnable t;
                    while (ran < MAX_STEPS && (t = s.getDelegatedTask()) != null) {
                        t.run();
                        ran++;
                    }
                    return ran;
                }));
            }
            start.countDown();
            for (Future<Integer> f : askers) {
                f.get(20, TimeUnit.SECONDS);
            }
            return "then " + s.getHandshakeStatus();
        } finally {
            pool.shutdownNow();
        }
    }
}
