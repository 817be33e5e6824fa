package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
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
 * One-way bulk transfer over an established TLS 1.2 or 1.3 connection (the same AEAD either way): one operation is
 * one application write of {@code size} bytes, wrapped by the client and unwrapped by the server (both ends the same
 * implementation), through heap or direct {@code buffers} (direct: what Netty hands the engine). MB/s = ops/s ×
 * size / 10⁶; {@code -prof gc}'s gc.alloc.rate.norm is bytes allocated per write, both ends together.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class BulkBenchmark {

    @Param
    public Impl impl;

    @Param
    public Suite suite;

    @Param({"16384", "1024"})
    public int size;

    @Param({Impl.TLS12, Impl.TLS13})
    public String protocol;

    @Param({"heap", "direct"})
    public String buffers;

    private SSLEngine client;
    private SSLEngine server;
    private ByteBuffer src;
    private ByteBuffer net;
    private ByteBuffer dst;

    @Setup(Level.Trial)
    public void setUp() throws SSLException {
        TestPki pki = TestPki.create();
        String cipherSuite = suite.cipherSuite(protocol);
        SSLContext serverCtx = impl.context(pki, pki.ecdsaP256(), protocol);
        SSLContext clientCtx = impl.context(pki, null, protocol);
        client = impl.engine(clientCtx, true, cipherSuite, null, protocol);
        server = impl.engine(serverCtx, false, cipherSuite, null, protocol);
        new Pump().handshake(client, server, null);
        String negotiated = client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();
        if (!(protocol + " " + cipherSuite).equals(negotiated)) {
            throw new IllegalStateException(impl + " negotiated " + negotiated + ", expected " + cipherSuite);
        }
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        src = allocate(size).put(data).flip();
        net = allocate(Math.max(4 * client.getSession().getPacketBufferSize(), 1 << 16));
        dst = allocate(Math.max(2 * server.getSession().getApplicationBufferSize(), 1 << 16));
        if (transfer() != size || !dst.duplicate().position(0).limit(size).equals(ByteBuffer.wrap(data))) {
            throw new IllegalStateException(impl + " did not deliver the bytes it was given");
        }
    }

    private ByteBuffer allocate(int capacity) {
        return switch (buffers) {
            case "heap" -> ByteBuffer.allocate(capacity);
            case "direct" -> ByteBuffer.allocateDirect(capacity);
            default -> throw new IllegalArgumentException("buffers: heap or direct, not " + buffers);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SSLException {
        new Pump().close(client, server);
    }

    @Benchmark
    public int transfer() throws SSLException {
        src.clear();
        net.clear();
        while (src.hasRemaining()) {
            SSLEngineResult r = client.wrap(src, net);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("wrap: " + r);
            }
        }
        net.flip();
        dst.clear();
        int delivered = 0;
        while (net.hasRemaining()) {
            SSLEngineResult r = server.unwrap(net, dst);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("unwrap: " + r);
            }
            delivered += r.bytesProduced();
        }
        return delivered;
    }
}
