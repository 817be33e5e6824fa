package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full handshakes per second through an {@link SSLServerSocket} on loopback: one operation connects a new client
 * {@link SSLSocket}, completes the handshake, reads the one byte the server writes after its own handshake (so both
 * ends finished), and closes. An accept thread hands each connection to a pool of two threads. The client forgets
 * every session after each connection, so none resumes. ECDSA P-256 certificate, AES-128-GCM, contexts as
 * {@code config} ({@link ContextConfig}); every server-side failure fails the iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class SocketHandshakeBenchmark {
    private static final int READY = 42;
    private static final int BACKLOG = 128;

    @Param
    public Impl impl;

    @Param({Impl.TLS13, Impl.TLS12})
    public String protocol;

    @Param({ContextConfig.DEFAULTS_SUNX509_NAME})
    public String config;

    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private TlsSockets sockets;
    private SSLContext clientCtx;
    private SSLServerSocket serverSocket;
    private ExecutorService pool;
    private Thread acceptor;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        TestPki pki = TestPki.create();
        ContextConfig contexts = ContextConfig.of(config);
        sockets = new TlsSockets(protocol, Suite.AES_128_GCM.cipherSuite(protocol));
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256(), protocol, contexts);
        clientCtx = impl.context(pki, null, protocol, contexts);
        serverSocket = sockets.server(serverCtx, BACKLOG);
        pool = Executors.newFixedThreadPool(2);
        acceptor = new Thread(this::acceptAll, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        connect();
        checkServer();
    }

    private void acceptAll() {
        while (!serverSocket.isClosed()) {
            try {
                SSLSocket s = TlsSockets.accept(serverSocket);
                pool.execute(() -> serve(s));
            } catch (SocketException closed) {
                return; // the trial ended
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** The server's half: handshake, one byte, then read until the client closes. */
    private void serve(SSLSocket s) {
        try (s) {
            s.startHandshake();
            s.getOutputStream().write(READY);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            try {
                while (in.read() >= 0) {
                    // nothing else is sent; this waits for close_notify
                }
            } catch (IOException peerGone) {
                // the client may close without waiting for the server's close_notify
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failures.incrementAndGet();
        lastFailure.set(e);
    }

    @Benchmark
    public SSLSession connect() throws IOException {
        SSLSession session;
        try (SSLSocket s = sockets.client(clientCtx, serverSocket.getLocalPort())) {
            s.startHandshake();
            if (s.getInputStream().read() != READY) {
                throw new IOException(impl.label() + ": the server's byte did not arrive");
            }
            session = s.getSession();
            session.invalidate();
        }
        HandshakeBenchmark.forgetSessions(clientCtx.getClientSessionContext());
        return session;
    }

    @TearDown(Level.Iteration)
    public void checkServer() {
        if (failures.get() > 0) {
            throw new IllegalStateException(impl.label() + "'s server failed " + failures.get()
                    + " connection(s), the last with " + lastFailure.get(), lastFailure.get());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        serverSocket.close();
        acceptor.join(10_000);
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException(impl.label() + "'s server connections did not end");
        }
    }
}
