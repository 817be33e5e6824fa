package dev.xtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.TestPki;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xtls connect} against {@code openssl s_server -www}, whose page tells what OpenSSL saw. */
class ConnectOpenSslTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static TestPki.PemFiles ecdsa;
    private static Path ca;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        ecdsa = pki.writePem(dir, pki.ecdsaP256());
        ca = pki.writeCaPem(dir);
    }

    private static ToolProcess server(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-www", "-cert", ecdsa.chain().toString(),
                "-key", ecdsa.key().toString()));
        args.addAll(List.of(extra));
        return ToolProcess.openSslServer(dir, args);
    }

    @Test
    void tls12ReconnectResumesAndOpenSslSaysSo() throws Exception {
        try (ToolProcess server = server()) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.awaitPort(), "--servername", "localhost",
                    "--cafile", ca.toString(), "--tls1.2", "--reconnect", "--get", "/");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertEquals("TLSv1.2", run.field("protocol"), run.toString());
            assertTrue(run.out().contains("certificate validation: trusted"), run.toString());
            assertTrue(run.out().contains("subject  CN=localhost"), run.toString());
            // the first connection's page says New, the second's Reused; the CLI agrees
            assertTrue(run.out().contains("New, TLSv1.2"), run.toString());
            assertTrue(run.out().contains("Reused, TLSv1.2"), run.toString());
            assertTrue(run.out().contains("Reused, the session was resumed"), run.toString());
        }
    }

    @Test
    void tls13WithAlpnReconnectResumes() throws Exception {
        try (ToolProcess server = server("-alpn", "h2")) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.awaitPort(), "--servername", "localhost",
                    "--cafile", ca.toString(), "--tls1.3", "--alpn", "h2,http/1.1", "--reconnect", "--get", "/");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertEquals("TLSv1.3", run.field("protocol"), run.toString());
            assertEquals("h2", run.field("ALPN"), run.toString());
            assertEquals("ecdsa_secp256r1_sha256", run.field("signature scheme"), run.toString());
            assertTrue(run.out().contains("Reused, TLSv1.3"), run.toString());
            assertTrue(run.out().contains("Reused, the session was resumed"), run.toString());
        }
    }

    @Test
    void reconnectWithoutResumptionSaysNew() throws Exception {
        try (ToolProcess server = server("-no_cache", "-no_ticket")) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.awaitPort(), "--servername", "localhost",
                    "--cafile", ca.toString(), "--reconnect");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertTrue(run.out().contains("New, not resumed"), run.toString());
        }
    }

    @Test
    void untrustedCertificateFailsWithTheReason() throws Exception {
        try (ToolProcess server = server()) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.awaitPort(), "--servername", "localhost");
            assertEquals(XtlsCli.HANDSHAKE_FAILED, run.exitCode(), run.toString());
            assertTrue(run.out().contains("handshake failed: (unknown_ca)"), run.toString());
            assertTrue(run.out().contains("certificate validation: NOT trusted: PKIX path building failed"),
                    run.toString());
        }
    }

    @Test
    void insecureConnectsAndSaysWhatValidationWouldHaveSaid() throws Exception {
        try (ToolProcess server = server()) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.awaitPort(), "--servername", "other.example",
                    "--cafile", ca.toString(), "--insecure");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertTrue(run.out().contains("certificate validation: NOT trusted: No subject alternative DNS name"
                    + " matching other.example"), run.toString());
        }
    }

    @Test
    void wrongHostNameFails() throws Exception {
        try (ToolProcess server = server()) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.awaitPort(), "--servername", "other.example",
                    "--cafile", ca.toString());
            assertEquals(XtlsCli.HANDSHAKE_FAILED, run.exitCode(), run.toString());
            assertTrue(run.out().contains("matching other.example"), run.toString());
        }
    }

    @Test
    void nothingListeningIsANetworkError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("connect", "127.0.0.1:" + port);
        assertEquals(XtlsCli.NETWORK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("network error: java.net.ConnectException"), run.toString());
    }
}
