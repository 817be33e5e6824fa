package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Test plumbing for sockets on 127.0.0.1: background peers on daemon threads, every wait bounded. One per test;
 * {@link #close()} stops its threads. Sockets are closed by the tests that open them.
 */
final class Loopback implements AutoCloseable {
    /** Bound on every blocking call of a test peer, and on waiting for it. */
    static final int TIMEOUT_MS = 10_000;
    static final String HOST = "localhost";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-peer-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** A server socket of {@code ctx} on 127.0.0.1, an ephemeral port, TLSv1.2, accept() bounded. */
    static SSLServerSocket listen(SSLContext ctx) throws IOException {
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        try {
            s.bind(new InetSocketAddress(loopback(), 0), 8);
            s.setSoTimeout(TIMEOUT_MS);
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A plain server socket on 127.0.0.1, accept() bounded. */
    static ServerSocket listenPlain() throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(loopback(), 0), 8);
            s.setSoTimeout(TIMEOUT_MS);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Client settings: TLSv1.2, the server's name checked (HTTPS) and sent as SNI, reads bounded. */
    static <S extends SSLSocket> S asClient(S s) throws IOException {
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(HOST)));
        s.setSSLParameters(p);
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    /** An Xtls (or any) client socket to {@code port} on "localhost", configured by {@link #asClient}. */
    static SSLSocket connect(SSLContext ctx, int port) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(HOST, port);
        try {
            return asClient(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    <T> Future<T> background(Callable<T> task) {
        return threads.submit(task);
    }

    /** The task's result within {@link #TIMEOUT_MS}; its exception rethrown as it is. */
    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("background peer did not finish within " + TIMEOUT_MS + " ms", e);
        }
    }

    /** A client side run on the test's thread, which reads or writes to a background peer. */
    @FunctionalInterface
    interface ClientSide {
        void run() throws Exception;
    }

    /**
     * Runs {@code client}; when it fails, the background {@code peer}'s own failure (often the cause: it closed
     * the connection) is reported first, the client's attached as suppressed.
     */
    static void clientOf(Future<?> peer, ClientSide client) throws Exception {
        try {
            client.run();
        } catch (Exception | AssertionError clientFailure) {
            try {
                peer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                AssertionError peerFailed = new AssertionError("the background peer failed: " + e.getCause(),
                        e.getCause());
                peerFailed.addSuppressed(clientFailure);
                throw peerFailed;
            } catch (TimeoutException | InterruptedException e) {
                clientFailure.addSuppressed(e);
            }
            throw clientFailure;
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads exactly {@code n} bytes or fails. */
    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("stream ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
