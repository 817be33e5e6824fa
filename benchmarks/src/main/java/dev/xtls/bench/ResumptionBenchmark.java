package dev.xtls.bench;

import dev.xtls.testing.TestPki;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resumed TLS 1.2 handshakes per second (RFC 5246 §7.3): one full handshake in set-up fills both contexts' session
 * caches; each operation is a fresh client and server engine that resume it (checked on the wire: the server's
 * clear-text flight is a ServerHello alone), then close_notify both ways. ECDSA P-256 certificate, x25519.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class ResumptionBenchmark {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final List<String> GROUPS = List.of("x25519", "secp256r1");

    @Param
    public Impl impl;

    private SSLContext clientCtx;
    private SSLContext serverCtx;
    private Pump pump;

    @Setup(Level.Trial)
    public void setUp() throws SSLException {
        TestPki pki = TestPki.create();
        serverCtx = impl.context(pki, pki.ecdsaP256());
        clientCtx = impl.context(pki, null);
        pump = new Pump();
        SSLEngine client = impl.engine(clientCtx, true, SUITE, GROUPS);
        SSLEngine server = impl.engine(serverCtx, false, SUITE, GROUPS);
        pump.handshake(client, server, "x25519");
        pump.close(client, server);
        resume();
    }

    @Benchmark
    public SSLSession resume() throws SSLException {
        SSLEngine client = impl.engine(clientCtx, true, SUITE, GROUPS);
        SSLEngine server = impl.engine(serverCtx, false, SUITE, GROUPS);
        pump.resumed(client, server);
        pump.close(client, server);
        return client.getSession();
    }
}
