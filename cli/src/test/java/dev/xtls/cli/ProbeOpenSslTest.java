package dev.xtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.TestPki;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xtls probe} against {@code openssl s_server} configured with known versions, suites and groups. */
class ProbeOpenSslTest {
    @TempDir
    static Path dir;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void reportsExactlyTheConfiguredTls13AndTls12Sets() throws Exception {
        TestPki.PemFiles ecdsa = pki.writePem(dir, pki.ecdsaP256());
        try (ToolProcess server = ToolProcess.openSslServer(dir, List.of("-www", "-cert", ecdsa.chain().toString(),
                "-key", ecdsa.key().toString(),
                "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305",
                "-ciphersuites", "TLS_AES_256_GCM_SHA384", "-groups", "P-256:X25519"))) {
            CliRun run = CliRun.of("probe", "127.0.0.1:" + server.awaitPort(), "--servername", "localhost");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertEquals("TLSv1.3, TLSv1.2", run.field("versions:"), run.toString());
            assertEquals("TLS_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
                    + " TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", run.field("cipher suites:"), run.toString());
            assertEquals("x25519, secp256r1", run.field("groups:"), run.toString());
            // TLS 1.3 is chosen whenever offered, and there a P-256 key signs with ecdsa_secp256r1_sha256 only
            assertEquals("SHA256withECDSA", run.field("signature algorithms:"), run.toString());
            assertEquals("yes (TLSv1.3, reconnect right after the handshake)", run.field("resumption:"),
                    run.toString());
        }
    }

    @Test
    void reportsATls12OnlyRsaServer() throws Exception {
        TestPki.PemFiles rsa = pki.writePem(dir, pki.rsa2048());
        try (ToolProcess server = ToolProcess.openSslServer(dir, List.of("-www", "-cert", rsa.chain().toString(),
                "-key", rsa.key().toString(), "-tls1_2",
                "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA256", "-groups", "P-384",
                "-alpn", "http/1.1"))) {
            CliRun run = CliRun.of("probe", "127.0.0.1:" + server.awaitPort(), "--servername", "localhost");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertEquals("TLSv1.2", run.field("versions:"), run.toString());
            assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                    run.field("cipher suites:"), run.toString());
            assertEquals("secp384r1", run.field("groups:"), run.toString());
            // each algorithm is offered alone in signature_algorithms(_cert): TestPki's RSA leaf is signed by an
            // ECDSA CA, and OpenSSL refuses to send a chain the client did not offer the signatures of
            assertEquals("none", run.field("signature algorithms:"), run.toString());
            assertEquals("http/1.1", run.field("ALPN (h2,http/1.1):"), run.toString());
            assertEquals("yes", run.field("extended master:"), run.toString());
        }
    }

    @Test
    void nothingListeningIsANetworkError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("probe", "127.0.0.1:" + port);
        assertEquals(XtlsCli.NETWORK, run.exitCode(), run.toString());
    }
}
