package dev.xtls.bench;

import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Full TLS 1.2 or 1.3 handshakes per second: a fresh client and server engine from long-lived contexts, the
 * handshake, then close_notify both ways. The client checks the server's name and chain (root CA EC P-256); no
 * client certificate. Each handshake is checked on the wire to be full and to use the pinned group (TLS 1.3: the
 * ServerHello's key_share, no pre_shared_key); both sessions are invalidated so that the next one cannot resume.
 * TLS 1.3 includes the server's NewSessionTicket, which the client reads. {@code -p clientAuth=true}: the server
 * needs a client certificate (the client sends the server's own credential, whose EKU allows both), so the
 * handshake carries a CertificateRequest, the client's Certificate and CertificateVerify.
 *
 * <p>{@code config} (see {@link ContextConfig}): {@code tuned} restricts both ends to the case's groups;
 * {@code defaults-*} leave each implementation's own groups (the wire must still show x25519, every implementation's
 * first choice) and use the default managers. The contexts are shared by all benchmark threads ({@code -t 2}
 * measures scaling); each thread's client targets its own port, so that no thread can resume another's session.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class HandshakeBenchmark {

    /**
     * Server certificate, cipher suite, the groups both ends are restricted to, and the group the key exchange must
     * use. The client must also offer the curve of every ECDSA key in the chain (RFC 8422 §5.1; the root CA is
     * EC P-256, so this holds for the RSA leaf too): the x25519 cases offer secp256r1 second, as real clients do.
     */
    public enum Config {
        ECDSA_P256_X25519(TestPki::ecdsaP256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "x25519", "secp256r1"),
        ECDSA_P256_SECP256R1(TestPki::ecdsaP256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "secp256r1"),
        RSA2048_X25519(TestPki::rsa2048, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "x25519", "secp256r1");

        /** TLS 1.3 suites name no key exchange or signature (RFC 8446 §4.1.2): one suite for every certificate. */
        static final String TLS13_SUITE = "TLS_AES_128_GCM_SHA256";

        final Function<TestPki, Credential> credential;
        final String cipherSuite;
        final List<String> groups;
        final String group;

        Config(Function<TestPki, Credential> credential, String cipherSuite, String... groups) {
            this.credential = credential;
            this.cipherSuite = cipherSuite;
            this.groups = List.of(groups);
            this.group = groups[0];
        }

        String cipherSuite(String protocol) {
            return Impl.TLS13.equals(protocol) ? TLS13_SUITE : cipherSuite;
        }
    }

    @Param
    public Impl impl;

    @Param
    public Config cert;

    @Param({ContextConfig.TUNED_NAME, ContextConfig.DEFAULTS_SUNX509_NAME, ContextConfig.DEFAULTS_PKIX_NAME})
    public String config;

    @Param({Impl.TLS12, Impl.TLS13})
    public String protocol;

    /** The server needs a client certificate (mutual authentication); off by default. */
    @Param("false")
    public boolean clientAuth;

    private String suite;
    private List<String> groups;
    private SSLContext clientCtx;
    private SSLContext serverCtx;

    /** One thread's pump and the port its client targets. */
    @State(Scope.Thread)
    public static class Connections {
        final Pump pump = new Pump();
        int port;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            port = 443 + thread.getThreadIndex();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws SSLException {
        ContextConfig contexts = ContextConfig.of(config);
        if (contexts.defaults() && !"x25519".equals(cert.group)) {
            throw new UnsupportedOperationException(cert + ": without a group restriction every implementation"
                    + " uses x25519; run " + config + " with an x25519 cert case");
        }
        TestPki pki = TestPki.create();
        suite = cert.cipherSuite(protocol);
        groups = contexts.defaults() ? null : cert.groups;
        serverCtx = impl.context(pki, cert.credential.apply(pki), protocol, contexts);
        clientCtx = impl.context(pki, clientAuth ? cert.credential.apply(pki) : null, protocol, contexts);
        SSLSession s = handshake(new Connections());
        if (!suite.equals(s.getCipherSuite()) || !protocol.equals(s.getProtocol())) {
            throw new IllegalStateException(impl + " negotiated " + s.getProtocol() + " " + s.getCipherSuite());
        }
        if (clientAuth != (s.getLocalCertificates() != null)) {
            throw new IllegalStateException(impl + ": client certificate sent " + !clientAuth);
        }
    }

    @Benchmark
    public SSLSession handshake(Connections thread) throws SSLException {
        SSLEngine client = impl.engine(clientCtx, true, suite, groups, protocol, thread.port);
        SSLEngine server = impl.engine(serverCtx, false, suite, groups, protocol);
        server.setNeedClientAuth(clientAuth);
        Pump pump = thread.pump;
        pump.handshake(client, server, cert.group);
        SSLSession session = client.getSession();
        session.invalidate();
        server.getSession().invalidate();
        pump.close(client, server);
        forgetSessions(clientCtx.getClientSessionContext());
        forgetSessions(serverCtx.getServerSessionContext());
        return session;
    }

    /**
     * Invalidates every session {@code cache} holds: on TLS 1.3 Xtls's client keeps the NewSessionTicket's session
     * apart from the one {@code getSession()} returns (and invalidating that one does not stop a PSK offer).
     */
    static void forgetSessions(SSLSessionContext cache) {
        for (Enumeration<byte[]> ids = cache.getIds(); ids.hasMoreElements(); ) {
            SSLSession s = cache.getSession(ids.nextElement());
            if (s != null) {
                s.invalidate();
            }
        }
    }
}
