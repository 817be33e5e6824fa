package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.engine.HandshakeFigure;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.NamedGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Xtls.handshakeTrace draws each flow as the RFC figures do, against SunJSSE as the peer: the text is compared with
 * a golden file under {@code src/test/resources/dev/xtls/interop/trace/}, the timing line masked. Run with
 * {@code -Dxtls.writeGoldens=true} to rewrite the files after a deliberate change, then review the diff.
 */
class HandshakeTraceGoldenTest {
    private static final String TLS12 = "TLSv1.2";
    private static final String TLS13 = "TLSv1.3";
    private static final String ECDHE_ECDSA = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES_128_GCM = "TLS_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol, String suite) {
        SSLEngine e = Peer.engine(ctx, role, suite);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair connect(SSLContext clientContext, SSLContext serverContext, String protocol,
            String suite, Consumer<SSLEngine> clientSetup, Consumer<SSLEngine> serverSetup) {
        SSLEngine client = engine(clientContext, Role.CLIENT, protocol, suite);
        SSLEngine server = engine(serverContext, Role.SERVER, protocol, suite);
        clientSetup.accept(client);
        serverSetup.accept(server);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        return pair;
    }

    private static EnginePair connect(SSLContext client, SSLContext server, String protocol, String suite) {
        return connect(client, server, protocol, suite, e -> { }, e -> { });
    }

    private static String trace(SSLEngine xtls) {
        return Xtls.handshakeTrace(xtls).orElseThrow();
    }

    /** The golden text, the timing line masked in both. */
    private static void assertGolden(String name, String trace) throws IOException {
        String actual = masked(trace);
        if (Boolean.getBoolean("xtls.writeGoldens")) {
            Path file = Path.of("src/test/resources/dev/xtls/interop/trace", name + ".txt");
            Files.writeString(file, trace);
        }
        try (InputStream in = HandshakeTraceGoldenTest.class.getResourceAsStream("trace/" + name + ".txt")) {
            assertTrue(in != null, "golden file trace/" + name + ".txt is missing");
            assertEquals(masked(new String(in.readAllBytes(), StandardCharsets.UTF_8)), actual, name);
        }
    }

    private static String masked(String trace) {
        return trace.lines().map(l -> l.startsWith(HandshakeFigure.TIMING) ? HandshakeFigure.TIMING + " (masked)" : l)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void tls12FullEcdheHandshakeOfAnXtlsClientWithASunJsseServer() throws IOException {
        EnginePair pair = connect(Peer.XTLS.contextWithoutTickets(pki), Peer.SUN.context(pki, pki.ecdsaP256()),
                TLS12, ECDHE_ECDSA);
        assertGolden("tls12-full-client", trace(pair.engine(Role.CLIENT)));
        assertEquals(trace(pair.engine(Role.CLIENT)), Xtls.handshakeTrace(pair.engine(Role.CLIENT).getSession())
                .orElseThrow(), "the session carries the trace of the connection that established it");
    }

    @Test
    void tls12FullEcdheHandshakeOfAnXtlsServerWithASunJsseClient() throws IOException {
        EnginePair pair = connect(Peer.SUN.context(pki), Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256()),
                TLS12, ECDHE_ECDSA);
        assertGolden("tls12-full-server", trace(pair.engine(Role.SERVER)));
    }

    @Test
    void tls12ResumptionBySessionIdOfAnXtlsClient() throws IOException {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        connect(client, server, TLS12, ECDHE_ECDSA);
        EnginePair second = connect(client, server, TLS12, ECDHE_ECDSA);
        assertGolden("tls12-resumed-id-client", trace(second.engine(Role.CLIENT)));
    }

    @Test
    void tls12ResumptionByTicketOfAnXtlsClient() throws IOException {
        SSLContext client = Peer.XTLS.context(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        connect(client, server, TLS12, ECDHE_ECDSA);
        EnginePair second = connect(client, server, TLS12, ECDHE_ECDSA);
        assertGolden("tls12-resumed-ticket-client", trace(second.engine(Role.CLIENT)));
    }

    @Test
    void tls12ResumptionByTicketOfAnXtlsServer() throws IOException {
        SSLContext client = Peer.SUN.context(pki);
        SSLContext server = Peer.XTLS.context(pki, pki.ecdsaP256());
        connect(client, server, TLS12, ECDHE_ECDSA);
        EnginePair second = connect(client, server, TLS12, ECDHE_ECDSA);
        assertGolden("tls12-resumed-ticket-server", trace(second.engine(Role.SERVER)));
    }

    @Test
    void tls12RenegotiationStartedByASunJsseServerShowsBothHandshakes() throws IOException {
        SSLEngine client = engine(Peer.XTLS.contextWithoutTickets(pki), Role.CLIENT, TLS12, ECDHE_ECDSA);
        SSLEngine server = engine(Peer.SUN.context(pki, pki.ecdsaP256()), Role.SERVER, TLS12, ECDHE_ECDSA);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.renegotiate(Role.SERVER, "a".getBytes(StandardCharsets.US_ASCII), "b".getBytes(StandardCharsets.US_ASCII));
        assertGolden("tls12-renegotiation-client", trace(client));
    }

    @Test
    void tls12ClientAuthenticationOfASunJsseClientByAnXtlsServer() throws IOException {
        EnginePair pair = connect(Peer.SUN.context(pki, pki.rsa2048()),
                Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256()), TLS12, ECDHE_ECDSA, e -> { },
                e -> e.setNeedClientAuth(true));
        assertGolden("tls12-client-auth-server", trace(pair.engine(Role.SERVER)));
    }

    @Test
    void tls13FullHandshakeOfAnXtlsClientWithASunJsseServer() throws IOException {
        EnginePair pair = connect(Peer.XTLS.context(Peer.TLS, pki), Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256()),
                TLS13, AES_128_GCM);
        assertGolden("tls13-full-client", trace(pair.engine(Role.CLIENT)));
    }

    @Test
    void tls13FullHandshakeOfAnXtlsServerWithASunJsseClient() throws IOException {
        EnginePair pair = connect(Peer.SUN.context(Peer.TLS, pki), Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()),
                TLS13, AES_128_GCM);
        assertGolden("tls13-full-server", trace(pair.engine(Role.SERVER)));
    }

    @Test
    void tls13HelloRetryRequestFromASunJsseServerThatTakesNoX25519() throws IOException {
        EnginePair pair = connect(Peer.XTLS.context(Peer.TLS, pki), Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256()),
                TLS13, AES_128_GCM, e -> { }, e -> {
                    SSLParameters p = e.getSSLParameters();
                    p.setAlgorithmConstraints(new OnlyGroups(Set.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1)));
                    e.setSSLParameters(p);
                });
        assertGolden("tls13-hrr-client", trace(pair.engine(Role.CLIENT)));
    }

    @Test
    void tls13PskResumptionOfAnXtlsClientWithASunJsseServer() throws IOException {
        SSLContext client = Peer.XTLS.context(Peer.TLS, pki);
        SSLContext server = Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256());
        connect(client, server, TLS13, AES_128_GCM);
        EnginePair second = connect(client, server, TLS13, AES_128_GCM);
        assertGolden("tls13-psk-client", trace(second.engine(Role.CLIENT)));
    }

    @Test
    void tls13ClientAuthenticationOfASunJsseClientByAnXtlsServer() throws IOException {
        EnginePair pair = connect(Peer.SUN.context(Peer.TLS, pki, pki.rsa2048()),
                Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()), TLS13, AES_128_GCM, e -> { },
                e -> e.setNeedClientAuth(true));
        assertGolden("tls13-client-auth-server", trace(pair.engine(Role.SERVER)));
    }
}
