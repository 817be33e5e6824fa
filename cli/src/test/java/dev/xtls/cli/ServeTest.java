package dev.xtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Tools;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page of an {@code xtls serve} server shows what each client offered: OpenSSL's and Xtls's own. */
class ServeTest {
    @TempDir
    Path dir;

    private static OfferServer server() throws Exception {
        SSLContext context = XtlsContexts.create(ServerCredentials.selfSigned(), null);
        return new OfferServer(context, null, InetAddress.getLoopbackAddress(), 0, line -> { });
    }

    @Test
    void pageShowsExactlyWhatOpenSslOffered() throws Exception {
        try (OfferServer server = server();
                ToolProcess client = new ToolProcess(dir, List.of(Tools.require("openssl", "openssl"), "s_client",
                        "-connect", "127.0.0.1:" + server.port(), "-servername", "example.test", "-tls1_3",
                        "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "-groups", "secp384r1",
                        "-sigalgs", "ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256", "-alpn", "http/1.1", "-ign_eof",
                        "-quiet"))) {
            OutputStream stdin = client.stdin();
            stdin.write("GET /offer HTTP/1.1\r\nHost: example.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            stdin.close();
            client.awaitExit();
            String page = client.output();
            assertTrue(page.contains("request              GET /offer HTTP/1.1"), page);
            assertTrue(page.contains("  cipher suite       TLS_CHACHA20_POLY1305_SHA256\n"), page);
            assertTrue(page.contains("  ALPN               http/1.1\n"), page);
            assertTrue(page.contains("  versions           TLSv1.3\n"), page);
            assertTrue(page.contains("  groups             secp384r1\n"), page);
            assertTrue(page.contains("  key shares         secp384r1\n"), page);
            assertTrue(page.contains("  signature algs     ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256\n"), page);
            assertTrue(page.contains("  SNI                example.test\n"), page);
        }
    }

    @Test
    void xtlsConnectGetsThePageWithItsOwnOffers() throws Exception {
        try (OfferServer server = server()) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.port(), "--servername", "localhost", "--insecure",
                    "--alpn", "h2,http/1.1", "--get", "/");
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            assertTrue(run.out().contains("certificate validation: NOT trusted"), run.toString());
            assertEquals("http/1.1", run.field("ALPN "), run.toString());
            assertEquals("TLSv1.3, TLSv1.2", run.field("  versions"), run.toString());
            assertEquals("localhost", run.field("  SNI"), run.toString());
            assertTrue(run.out().contains("  ALPN               h2, http/1.1\n"), run.toString());
            assertTrue(run.field("  cipher suites").startsWith("TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256,"
                    + " TLS_CHACHA20_POLY1305_SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), run.toString());
            assertEquals("x25519", run.field("  key shares"), run.toString());
            assertTrue(run.field("  extensions").contains("server_name"), run.toString());
        }
    }

    @Test
    void connectDrawsTheTraceAndWritesTheKeyLog() throws Exception {
        Path keys = dir.resolve("keys.txt");
        try (OfferServer server = server()) {
            CliRun run = CliRun.of("connect", "127.0.0.1:" + server.port(), "--servername", "localhost", "--insecure",
                    "--tls1.3", "--trace", "--keylog", keys.toString());
            assertEquals(XtlsCli.OK, run.exitCode(), run.toString());
            // the RFC 8446 §2 figure: ClientHello to the server, the server's encrypted flight back
            assertTrue(run.out().contains("ClientHello"), run.toString());
            assertTrue(run.out().contains("-------->"), run.toString());
            assertTrue(run.out().contains("{Finished}"), run.toString());
        }
        List<String> labels = Files.readAllLines(keys).stream().map(l -> l.split(" ")[0]).toList();
        // one line per TLS 1.3 secret, in any order
        assertEquals(TLS13_LABELS, labels.stream().sorted((a, b) -> TLS13_LABELS.indexOf(a) - TLS13_LABELS.indexOf(b))
                .toList());
    }

    private static final List<String> TLS13_LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
}
