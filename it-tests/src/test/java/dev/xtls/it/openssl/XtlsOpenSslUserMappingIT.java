package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL does not know user_mapping (RFC 4681) and ignores it: an Xtls client offering it completes with
 * {@code openssl s_server}, and {@code openssl s_client} completes with an Xtls server that accepts it. Only
 * 127.0.0.1; every process is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslUserMappingIT {
    private static final byte[] LINE = "mapping\n".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MS = 10_000;

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
    }

    @Test
    void xtlsClientOfferingUserMappingCompletesWithOpenSslServer() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.REVERSE_ECHO).extraArgs("-trace").start();
                SSLSocket s = connectWithHint(server.port())) {
            s.getOutputStream().write(LINE);
            s.getOutputStream().flush();
            assertEquals("gnippam\n", new String(s.getInputStream().readNBytes(LINE.length),
                    StandardCharsets.US_ASCII));
            // -trace names every extension of the ClientHello, known to OpenSSL's handshake or not
            assertTrue(server.awaitPrinted("extension_type=user_mapping(6)", Duration.ofSeconds(10)),
                    server.describe());
        }
    }

    @Test
    void openSslClientCompletesWithAnXtlsServerThatAcceptsUserMapping() throws Exception {
        try (JavaTlsServer server = JavaTlsServer.start(Peer.XTLS.context(pki, pki.ecdsaP256()), p -> { },
                accepted -> Xtls.requestUserMapping(accepted, true))) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(pki.writeCaPem(dir)).stdin(LINE)
                    .extraArgs("-trace").run();
            JavaTlsServer.Served served = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("echo: mapping"), r.describe());
            assertFalse(r.stdout().contains("user_mapping"), "the server echoed user_mapping unasked: " + r.describe());
            assertEquals(Optional.empty(), Xtls.upnDomainHint(served.session()));
        }
    }

    private static SSLSocket connectWithHint(int port) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
        raw.setSoTimeout(TIMEOUT_MS);
        SSLSocket s = (SSLSocket) Peer.XTLS.context(pki).getSocketFactory().createSocket(raw, "localhost", port, true);
        try {
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            s.setSSLParameters(p);
            Xtls.setUpnDomainHint(s, "alice@example.com", "example.com");
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
