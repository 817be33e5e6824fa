package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Credential;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.TlsAlerts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutual authentication between Xtls and OpenSSL, both directions: {@code openssl s_server -Verify 1 -CAfile}
 * (need) and {@code -verify 1} (want) against the Xtls SSLSocket client, and {@code openssl s_client -cert -key}
 * against an Xtls SSLServerSocket with need and want client auth. RSA-2048, ECDSA P-256 and P-384 client
 * certificates, each under an ECDSA and an RSA server certificate. Only 127.0.0.1; every process is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslClientAuthIT {

    static final byte[] LINE = "mutual\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    /** Server certificate × client certificate. */
    static Stream<Arguments> credentials() {
        List<Arguments> out = new ArrayList<>();
        for (String server : List.of("ecdsa-p256", "rsa-2048")) {
            for (String client : List.of("rsa-2048", "ecdsa-p256", "ecdsa-p384")) {
                out.add(Arguments.of(server, client));
            }
        }
        return out.stream();
    }

    // ---- Xtls client -> openssl s_server ----------------------------------------------------------------------

    @ParameterizedTest(name = "s_server -Verify 1 with {0} certificate <- Xtls client with {1} certificate")
    @MethodSource("credentials")
    void openSslServerRequiringACertificateAcceptsTheXtlsClientCertificate(String serverCred, String clientCred)
            throws Exception {
        Credential client = credential(clientCred);
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, credential(serverCred)))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).caFile(ca).requireClientCertificate().start();
                SSLSocket s = OpenSslInteropIT.connect(Peer.XTLS.context(pki, client), server.port())) {
            assertEquals("lautum\n", echo(s));
            assertEquals(client.leaf(), s.getSession().getLocalCertificates()[0]);
            assertTrue(server.lastPeerCertificate().orElse("").contains("OU = " + clientCred), server.describe());
        }
    }

    @Test
    void openSslServerThatOnlyAsksCompletesWithAnXtlsClientWithoutCertificate() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).caFile(ca).extraArgs("-verify", "1").start();
                SSLSocket s = OpenSslInteropIT.connect(Peer.XTLS.context(pki), server.port())) {
            assertEquals("lautum\n", echo(s));
            assertEquals(null, s.getSession().getLocalCertificates());
            assertTrue(server.lastPeerCertificate().isEmpty(), server.describe());
        }
    }

    @Test
    void openSslServerRequiringACertificateRejectsAnXtlsClientWithoutOne() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).caFile(ca).requireClientCertificate().start()) {
            IOException e = assertThrows(IOException.class, () -> {
                try (SSLSocket s = OpenSslInteropIT.connect(Peer.XTLS.context(pki), server.port())) {
                    echo(s);
                }
            });
            assertEquals("handshake_failure", TlsAlerts.receivedIn(e).orElseThrow(() -> new AssertionError(e)));
            assertTrue(server.awaitPrinted("peer did not return a certificate", Duration.ofSeconds(10)),
                    server.describe());
        }
    }

    // ---- openssl s_client -> Xtls server ----------------------------------------------------------------------

    @ParameterizedTest(name = "Xtls server with {0} certificate, need <- s_client -cert {1}")
    @MethodSource("credentials")
    void xtlsServerRequiringACertificateAcceptsTheOpenSslClientCertificate(String serverCred, String clientCred)
            throws Exception {
        Credential client = credential(clientCred);
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, credential(serverCred)), true)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .certificate(pki.writePem(dir, client)).stdin(LINE).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("echo: mutual"), r.describe());
            assertEquals(client.leaf(), served.session().getPeerCertificates()[0]);
            assertEquals(client.leaf().getSubjectX500Principal(), served.session().getPeerPrincipal());
        }
    }

    @Test
    void xtlsServerWantingACertificateReceivesTheOpenSslClientCertificate() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, pki.rsa2048()),
                p -> p.setWantClientAuth(true))) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .certificate(pki.writePem(dir, pki.ecdsaP256())).stdin(LINE).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(pki.ecdsaP256().leaf(), served.session().getPeerCertificates()[0]);
        }
    }

    @Test
    void xtlsServerWantingACertificateCompletesWithAnOpenSslClientWithoutOne() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, pki.ecdsaP256()),
                p -> p.setWantClientAuth(true))) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).stdin(LINE).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("echo: mutual"), r.describe());
            assertEquals("mutual", served.line());
            assertThrows(SSLPeerUnverifiedException.class, () -> served.session().getPeerCertificates());
        }
    }

    @Test
    void xtlsServerRequiringACertificateRejectsAnOpenSslClientWithoutOne() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, pki.ecdsaP256()), true)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).stdin(LINE).run();
            Exception e = assertThrows(Exception.class, server::awaitServed);
            assertNotEquals(0, r.exitCode(), r.describe());
            assertEquals("handshake_failure", r.alert().orElseThrow(() -> new AssertionError(r.describe())));
            assertTrue(e instanceof SSLHandshakeException, String.valueOf(e));
            assertTrue(e.getMessage().contains("the client sent no certificate, but this server requires one"),
                    e.getMessage());
        }
    }

    @Test
    void xtlsServerRejectsAnUntrustedOpenSslClientCertificate() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, pki.ecdsaP256()), true)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .certificate(pki.writePem(dir, pki.untrusted())).stdin(LINE).run();
            Exception e = assertThrows(Exception.class, server::awaitServed);
            assertNotEquals(0, r.exitCode(), r.describe());
            assertEquals("unknown_ca", r.alert().orElseThrow(() -> new AssertionError(r.describe())));
            assertTrue(e instanceof SSLHandshakeException, String.valueOf(e));
            String subject = pki.untrusted().leaf().getSubjectX500Principal().getName();
            assertTrue(e.getMessage().contains(subject), e.getMessage());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Credential credential(String name) {
        return pki.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Sends {@link #LINE} to s_server -rev and returns its answer (the line reversed). */
    private static String echo(SSLSocket s) throws IOException {
        s.getOutputStream().write(LINE);
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(LINE.length), StandardCharsets.US_ASCII);
    }
}
