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
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java TLS peers (SunJSSE, BCJSSE and Xtls, through SSLSocket and SSLServerSocket) against OpenSSL's s_server and
 * s_client, both directions, ECDSA and RSA certificates. Only 127.0.0.1; every process is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenSslInteropIT {

    static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();
    static final byte[] GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    static List<Peer> javaPeers() {
        return List.of(Peer.SUN, Peer.BC, Peer.XTLS);
    }

    /** Each suite with the certificate it needs, for every Java peer. */
    static Stream<Arguments> suites() {
        List<Arguments> out = new ArrayList<>();
        for (Peer peer : javaPeers()) {
            out.add(Arguments.of(peer, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ecdsa-p256"));
            out.add(Arguments.of(peer, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ecdsa-p384"));
            out.add(Arguments.of(peer, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "rsa-2048"));
            out.add(Arguments.of(peer, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "rsa-2048"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client -> s_server, {1}, {2}")
    @MethodSource("suites")
    void javaClientNegotiatesTheSuiteOpenSslServerReports(Peer peer, String suite, String credName) throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, credential(credName)))
                .cipher(suite).start();
                SSLSocket s = connect(peer.context(pki), server.port(), suite)) {
            assertEquals(suite, s.getSession().getCipherSuite());
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            s.getOutputStream().write(GET);
            s.getOutputStream().flush();
            String page = readToEnd(s);
            assertTrue(page.contains("Cipher is " + OpenSslSuites.toOpenSsl(suite)), page + server.describe());
            assertTrue(page.contains("TLSv1.2"), page);
        }
    }

    @ParameterizedTest(name = "s_client -> {0} server, {1}, {2}")
    @MethodSource("suites")
    void openSslClientNegotiatesTheSuiteWithJavaServer(Peer peer, String suite, String credName) throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(peer.context(pki, credential(credName)), false, suite)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).cipher(suite).caFile(ca)
                    .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(OpenSslSuites.toOpenSsl(suite), r.cipher().orElseThrow(() -> new AssertionError(r.describe())));
            assertEquals("TLSv1.2", r.protocol().orElseThrow());
            assertEquals(0, r.verifyReturnCode().orElseThrow());
            assertTrue(r.stdout().contains("echo: hello xtls"), r.describe());
            assertEquals(suite, served.cipherSuite());
            assertEquals("hello xtls", served.line());
        }
    }

    @ParameterizedTest
    @MethodSource("javaPeers")
    void javaClientTalksToOpenSslEchoServer(Peer peer) throws Exception {
        String suite = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).start();
                SSLSocket s = connect(peer.context(pki), server.port(), suite)) {
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] back = s.getInputStream().readNBytes(6);
            assertEquals("olleh\n", new String(back, StandardCharsets.US_ASCII));
            assertEquals(OpenSslSuites.toOpenSsl(suite), server.lastCipher().orElseThrow(() -> new AssertionError(server.describe())));
            assertEquals("TLSv1.2", server.lastProtocol().orElseThrow(() -> new AssertionError(server.describe())));
        }
    }

    @ParameterizedTest
    @MethodSource("javaPeers")
    void openSslServerRequiresAndAcceptsTheJavaClientCertificate(Peer peer) throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).caFile(ca).requireClientCertificate().start();
                SSLSocket s = connect(peer.context(pki, pki.rsa2048()), server.port())) {
            s.getOutputStream().write("abc\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertEquals("cba\n", new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            assertTrue(server.lastPeerCertificate().orElse("").contains("OU = rsa-2048"), server.describe());
        }
    }

    @ParameterizedTest
    @MethodSource("javaPeers")
    void javaServerRequiresAndAcceptsTheOpenSslClientCertificate(Peer peer) throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(peer.context(pki, pki.ecdsaP256()), true)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .certificate(pki.writePem(dir, pki.ecdsaP384()))
                    .stdin("with cert\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(pki.ecdsaP384().leaf(), served.session().getPeerCertificates()[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("javaPeers")
    void openSslClientReportsTheHandshakeFailureAlertOfAJavaServerWithoutCommonSuites(Peer peer) throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(peer.context(pki, pki.ecdsaP256()), false,
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port())
                    .cipher("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").caFile(ca).run();
            Exception e = assertThrows(Exception.class, server::awaitServed);
            assertNotEquals(0, r.exitCode(), r.describe());
            assertTrue(r.cipher().isEmpty(), r.describe());
            assertEquals("handshake_failure", r.alert().orElseThrow(() -> new AssertionError(r.describe())));
            assertTrue(e instanceof IOException, String.valueOf(e)); // BCJSSE throws its TlsFatalAlert
        }
    }

    @ParameterizedTest
    @MethodSource("javaPeers")
    void openSslClientRejectsAnUntrustedJavaServerAndTheServerReceivesUnknownCa(Peer peer) throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(peer.context(pki, pki.untrusted()), false)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca).run();
            Exception e = assertThrows(Exception.class, server::awaitServed);
            assertNotEquals(0, r.exitCode(), r.describe());
            assertEquals("unable to get local issuer certificate", r.verifyError().orElseThrow(
                    () -> new AssertionError(r.describe())));
            if (peer == Peer.SUN) { // BCJSSE's server socket reports the alert only in its log
                assertEquals("unknown_ca", TlsAlerts.receivedIn(e).orElseThrow(() -> new AssertionError(e)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("javaPeers")
    void javaClientRejectsAnExpiredOpenSslServerCertificate(Peer peer) throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.expired())).start()) {
            SSLContext ctx = peer.context(pki);
            IOException e = assertThrows(IOException.class, () -> connect(ctx, server.port()).close());
            if (peer == Peer.SUN) { // BCJSSE only says certificate_unknown(46)
                assertTrue(causes(e).contains("CertificateExpiredException"), causes(e));
            }
            assertTrue(server.awaitPrinted("alert certificate", Duration.ofSeconds(10)),
                    "s_server logs the alert it received\n" + server.describe());
        }
    }

    @Test
    void openSslIsInstalled() {
        assertTrue(OpenSsl.version().startsWith("OpenSSL"), OpenSsl.version());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Credential credential(String name) {
        return pki.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** TCP to 127.0.0.1 (never ::1), TLS with SNI and host check for "localhost", TLSv1.2 only; handshaken. */
    static SSLSocket connect(SSLContext ctx, int port, String... suites) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            if (suites.length > 0) {
                p.setCipherSuites(suites);
            }
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static String readToEnd(SSLSocket s) throws IOException {
        try (InputStream in = s.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SSLException e) {
            throw new AssertionError("reading the s_server page failed", e);
        }
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
