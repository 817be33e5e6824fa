package dev.xtls.bench;

import dev.xtls.jsse.XtlsSessionContext;
import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Resumed TLS 1.2 handshakes per second (RFC 5246 §7.3), by session ID ({@link #byId}) and by RFC 5077 session
 * ticket ({@link #byTicket}): one full handshake in set-up gives the client its session; each operation is a fresh
 * client and server engine that resume it, then close_notify both ways. ECDSA P-256 certificate, x25519. Every
 * resumption is checked on the wire: the server's clear-text flight is a ServerHello (with a NewSessionTicket only
 * by ticket), and the ClientHello carries a non-empty SessionTicket extension by ticket, none by ID.
 *
 * <p>SunJSSE reads its ticket switches from system properties when a context is made, so each mode runs in its own
 * fork with the switches set for both ends; Xtls reads the same switches the same way.
 *
 * <p>By ticket, the server that resumes must not be able to resume by ID: its context's session cache must be empty
 * (checked after every iteration). SunJSSE's server with tickets on caches no session (its stateless mode), so one
 * server context serves. Xtls's server also caches the sessions it issues tickets for, so the full handshake runs
 * on a second server context and the measured ones on a context that never saw the session, both using the same
 * ticket key file ({@link XtlsSessionContext#useSessionTicketKeys}) — a fleet's set-up. SunJSSE has no way to share
 * ticket keys between contexts, and does not need it here. BCJSSE resumes by ID only; Conscrypt is measured by ID
 * only, as its server keeps a session cache in BoringSSL that Java cannot see or bypass.
 *
 * <p>With {@code protocol} TLSv1.3 only {@link #byTicket} runs: TLS 1.3 resumes by a PSK from a NewSessionTicket
 * (RFC 8446 §2.2), checked on the wire as pre_shared_key in the ClientHello and the ServerHello, set up as above.
 *
 * <p>{@code config} as in {@link HandshakeBenchmark} ({@link ContextConfig}). The contexts and the session are
 * shared by all benchmark threads ({@code -t 2} measures scaling); each thread has its own pump.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// warm-up 6 × 2 s: Xtls by ticket was still at a third of its speed after 4 × 2 s in one run
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 4, time = 2)
public class ResumptionBenchmark {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String SUITE13 = "TLS_AES_128_GCM_SHA256";
    private static final List<String> GROUPS = List.of("x25519", "secp256r1");
    private static final String CLIENT_SWITCH = "jdk.tls.client.enableSessionTicketExtension";
    private static final String SERVER_SWITCH = "jdk.tls.server.enableSessionTicketExtension";
    /** nginx's ssl_session_ticket_key format, which Xtls reads: one 80-byte key. */
    private static final int TICKET_KEY_LENGTH = 80;

    @Param
    public Impl impl;

    @Param({Impl.TLS12, Impl.TLS13})
    public String protocol;

    @Param({ContextConfig.TUNED_NAME, ContextConfig.DEFAULTS_SUNX509_NAME, ContextConfig.DEFAULTS_PKIX_NAME})
    public String config;

    /** One thread's pump. */
    @State(Scope.Thread)
    public static class Connections {
        final Pump pump = new Pump();
    }

    private ResumedBy by;
    private ContextConfig contexts;
    private SSLContext clientCtx;
    private SSLContext serverCtx;
    private Path ticketKeys;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException, GeneralSecurityException {
        by = params.getBenchmark().endsWith(".byTicket") ? ResumedBy.TICKET : ResumedBy.ID;
        checkSwitches();
        if (Impl.TLS13.equals(protocol)) {
            if (by == ResumedBy.ID) {
                throw new UnsupportedOperationException("TLS 1.3 has no resumption by session ID; run byTicket");
            }
            by = ResumedBy.PSK;
        }
        contexts = ContextConfig.of(config);
        TestPki pki = TestPki.create();
        Credential credential = pki.ecdsaP256();
        SSLContext issuingCtx = impl.context(pki, credential, protocol, contexts);
        serverCtx = issuingCtx;
        if (by != ResumedBy.ID && impl == Impl.XTLS) {
            ticketKeys = Files.createTempFile("xtls-bench-ticket-keys", ".bin");
            byte[] key = new byte[TICKET_KEY_LENGTH];
            new SecureRandom().nextBytes(key);
            Files.write(ticketKeys, key);
            serverCtx = impl.context(pki, credential, protocol, contexts);
            ((XtlsSessionContext) issuingCtx.getServerSessionContext()).useSessionTicketKeys(ticketKeys);
            ((XtlsSessionContext) serverCtx.getServerSessionContext()).useSessionTicketKeys(ticketKeys);
        }
        clientCtx = impl.context(pki, null, protocol, contexts);
        Connections first = new Connections();
        SSLEngine client = engine(clientCtx, true);
        SSLEngine server = engine(issuingCtx, false);
        first.pump.handshake(client, server, "x25519");
        first.pump.close(client, server);
        resume(first);
        checkServerCannotResumeById();
    }

    /** Fails unless this fork's ticket switches, both ends, are what {@link #by} needs. */
    private void checkSwitches() {
        boolean tickets = by != ResumedBy.ID;
        for (String name : new String[] {CLIENT_SWITCH, SERVER_SWITCH}) {
            if (!Boolean.toString(tickets).equalsIgnoreCase(System.getProperty(name, "true"))) {
                throw new IllegalStateException("resumption by " + by + " needs -D" + name + "=" + tickets
                        + " (the @Fork's jvmArgsAppend)");
            }
        }
    }

    @TearDown(Level.Iteration)
    public void checkServerCannotResumeById() {
        if (by != ResumedBy.ID && serverCtx.getServerSessionContext().getIds().hasMoreElements()) {
            throw new IllegalStateException(impl.label() + "'s resuming server context holds sessions by ID");
        }
    }

    @TearDown(Level.Trial)
    public void deleteTicketKeys() throws IOException {
        if (ticketKeys != null) {
            Files.delete(ticketKeys);
        }
    }

    /** Resumption by session ID: tickets off at both ends (SunJSSE's switches; Conscrypt per engine). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-D" + CLIENT_SWITCH + "=false", "-D" + SERVER_SWITCH + "=false"})
    public SSLSession byId(Connections thread) throws SSLException {
        return resume(thread);
    }

    /** Resumption by RFC 5077 ticket (TLS 1.3: PSK), the server unable to resume by ID; SunJSSE and Xtls. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-D" + CLIENT_SWITCH + "=true", "-D" + SERVER_SWITCH + "=true"})
    public SSLSession byTicket(Connections thread) throws SSLException {
        return resume(thread);
    }

    private SSLSession resume(Connections thread) throws SSLException {
        SSLEngine client = engine(clientCtx, true);
        SSLEngine server = engine(serverCtx, false);
        Pump pump = thread.pump;
        pump.resumed(client, server, by);
        pump.close(client, server);
        SSLSession session = client.getSession();
        if (!protocol.equals(session.getProtocol())) {
            throw new IllegalStateException(impl.label() + " resumed on " + session.getProtocol());
        }
        return session;
    }

    private SSLEngine engine(SSLContext ctx, boolean client) {
        SSLEngine e = impl.engine(ctx, client, Impl.TLS13.equals(protocol) ? SUITE13 : SUITE,
                contexts.defaults() ? null : GROUPS, protocol);
        if (!impl.sessionTickets(e, by != ResumedBy.ID) || (by != ResumedBy.ID && impl == Impl.CONSCRYPT)) {
            throw new UnsupportedOperationException(impl.label() + " is not measured resuming by " + by);
        }
        return e;
    }
}
