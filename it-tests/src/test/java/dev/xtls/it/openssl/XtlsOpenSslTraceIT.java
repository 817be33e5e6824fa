package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.engine.HandshakeFigure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Xtls.handshakeTrace of an Xtls client against {@code openssl s_server -www} (OpenSSL 3.0), TLS 1.2 and 1.3,
 * compared with golden files under {@code src/test/resources/dev/xtls/it/openssl/trace/}, the timing line masked.
 * {@code -Dxtls.writeGoldens=true} rewrites them after a deliberate change.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslTraceIT {
    private static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.PemFiles ecdsaPem;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ecdsaPem = pki.writePem(dir, pki.ecdsaP256());
    }

    @ParameterizedTest(name = "Xtls client -> s_server -www, {0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void xtlsClientTraceOfAFullHandshakeWithOpenSsl(String version) throws Exception {
        SSLContext client = Peer.XTLS.context(Peer.TLS, pki);
        OpenSslServer.Builder b = OpenSslServer.builder(ecdsaPem);
        String trace;
        try (OpenSslServer s = (version.equals("TLSv1.3") ? b.tls13() : b).start();
                SSLSocket socket = connect(client, s.port(), version)) {
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String page = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(page.contains("Protocol  : " + version), page);
            trace = Xtls.handshakeTrace(socket).orElseThrow();
        }
        assertGolden("openssl-" + version.replace("TLSv1.", "tls1") + "-full-client", trace);
    }

    private static void assertGolden(String name, String trace) throws IOException {
        if (Boolean.getBoolean("xtls.writeGoldens")) {
            Files.writeString(Path.of("src/test/resources/dev/xtls/it/openssl/trace", name + ".txt"), trace);
        }
        try (InputStream in = XtlsOpenSslTraceIT.class.getResourceAsStream("trace/" + name + ".txt")) {
            assertTrue(in != null, "golden file trace/" + name + ".txt is missing");
            assertEquals(masked(new String(in.readAllBytes(), StandardCharsets.UTF_8)), masked(trace), name);
        }
    }

    private static String masked(String trace) {
        return trace.lines().map(l -> l.startsWith(HandshakeFigure.TIMING) ? HandshakeFigure.TIMING + " (masked)" : l)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static SSLSocket connect(SSLContext ctx, int port, String version) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {version});
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
