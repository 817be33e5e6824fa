package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
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
 * One-way bulk transfer over one loopback {@link SSLSocket} connection: one operation is one {@code size}-byte write
 * by the client; a reader thread at the server end reads and counts (its speed bounds the client's through TCP's
 * window). AES-128-GCM, ECDSA P-256 certificate, both ends the same implementation, contexts as {@code config}
 * ({@link ContextConfig}). MB/s = ops/s × size / 10⁶.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class SocketBulkBenchmark {
    private static final long TIMEOUT_MS = 10_000;

    @Param
    public Impl impl;

    @Param({"16384", "1024"})
    public int size;

    @Param({Impl.TLS13, Impl.TLS12})
    public String protocol;

    @Param({ContextConfig.DEFAULTS_SUNX509_NAME})
    public String config;

    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<IOException> readerFailure = new AtomicReference<>();
    private SSLServerSocket serverSocket;
    private Thread reader;
    private SSLSocket client;
    private OutputStream out;
    private byte[] data;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        TestPki pki = TestPki.create();
        ContextConfig contexts = ContextConfig.of(config);
        TlsSockets sockets = new TlsSockets(protocol, Suite.AES_128_GCM.cipherSuite(protocol));
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256(), protocol, contexts);
        SSLContext clientCtx = impl.context(pki, null, protocol, contexts);
        serverSocket = sockets.server(serverCtx, 1);
        reader = new Thread(this::readAll, "bulk-reader");
        reader.setDaemon(true);
        reader.start();
        client = sockets.client(clientCtx, serverSocket.getLocalPort());
        try {
            client.startHandshake();
        } catch (IOException e) {
            reader.join(TIMEOUT_MS);
            e.addSuppressed(new IOException("the server end: " + readerFailure.get(), readerFailure.get()));
            throw e;
        }
        sockets.check(impl, client);
        out = client.getOutputStream();
        data = new byte[size];
        new Random(42).nextBytes(data);
        write();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (received.get() < size && System.currentTimeMillis() < deadline && reader.isAlive()) {
            Thread.sleep(1);
        }
        if (received.get() != size) {
            throw new IllegalStateException(impl.label() + "'s server read " + received.get() + " of " + size,
                    readerFailure.get());
        }
    }

    /** The server end: accepts one connection and reads until the client closes it. */
    private void readAll() {
        try (SSLSocket s = TlsSockets.accept(serverSocket); InputStream in = s.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                received.addAndGet(n);
            }
        } catch (IOException e) {
            readerFailure.set(e); // the client closed, or the set-up's check reports it
        }
    }

    @Benchmark
    public int write() throws IOException {
        out.write(data);
        return size;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        client.close();
        reader.join(TIMEOUT_MS);
        serverSocket.close();
        if (reader.isAlive()) {
            throw new IllegalStateException(impl.label() + "'s server did not see the connection close");
        }
    }
}
