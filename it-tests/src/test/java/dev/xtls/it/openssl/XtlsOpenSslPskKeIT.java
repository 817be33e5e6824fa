package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 psk_ke (RFC 8446 §4.2.9) with OpenSSL 3.0's {@code -allow_no_dhe_kex} both ways, when
 * {@code dev.xtls.tls13.pskKeyExchangeModes} allows it at SSLContext init. s_client reports the server's
 * (EC)DHE share as "Server Temp Key"; a psk_ke resumption has none. Only 127.0.0.1; processes bounded.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class XtlsOpenSslPskKeIT {
    private static final String MODES = "dev.xtls.tls13.pskKeyExchangeModes";
    private static final String TLS13 = "TLSv1.3";
    private static final byte[] LINE = "ticket\n".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    private static SSLContext withModes(String modes, Supplier<SSLContext> make) {
        synchronized (Peer.class) {
            String before = System.getProperty(MODES);
            System.setProperty(MODES, modes);
            try {
                return make.get();
            } finally {
                if (before == null) {
                    System.clearProperty(MODES);
                } else {
                    System.setProperty(MODES, before);
                }
            }
        }
    }

    private static OpenSslClient.Result sClient(TlsEchoServer server, String... args) {
        OpenSslClient.Result r = OpenSslClient.connect(server.port()).tls13().caFile(ca).stdin(LINE)
                .extraArgs(args).run();
        assertTrue(r.handshakeCompleted() && r.stdout().contains("echo: ticket"), r.describe());
        return r;
    }

    /** s_client -allow_no_dhe_kex offers psk_ke and psk_dhe_ke; the second connection resumes its ticket. */
    private static OpenSslClient.Result resumeWithOpenSslClient(String serverModes) throws Exception {
        Path session = dir.resolve("pskke-" + serverModes.replace(',', '-') + ".pem");
        SSLContext ctx = withModes(serverModes, () -> Peer.XTLS.context(pki, pki.ecdsaP256()));
        try (TlsEchoServer xtls = TlsEchoServer.start(ctx, TLS13)) {
            OpenSslClient.Result first = sClient(xtls, "-allow_no_dhe_kex", "-sess_out", session.toString());
            assertTrue(first.stdout().contains("New, TLSv1.3"), first.describe());
            OpenSslClient.Result second = sClient(xtls, "-allow_no_dhe_kex", "-sess_in", session.toString());
            assertTrue(second.stdout().contains("Reused, TLSv1.3"), second.describe());
            assertEquals(List.of(), xtls.failures());
            return second;
        }
    }

    @Test
    void anXtlsServerAllowingOnlyPskKeResumesOpenSslWithoutAKeyShare() throws Exception {
        OpenSslClient.Result r = resumeWithOpenSslClient("psk_ke");
        assertFalse(r.stdout().contains("Server Temp Key"), "psk_ke: no (EC)DHE\n" + r.describe());
    }

    @Test
    void anXtlsServerAllowingBothPrefersPskDheKe() throws Exception {
        OpenSslClient.Result r = resumeWithOpenSslClient("psk_ke,psk_dhe_ke");
        assertTrue(r.stdout().contains("Server Temp Key"), r.describe());
    }

    @Test
    void anXtlsPskKeClientResumesWithOpenSslAllowingNoDheKex() throws Exception {
        SSLContext client = withModes("psk_ke", () -> Peer.XTLS.context(pki));
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256())).tls13()
                .extraArgs("-no_cache", "-allow_no_dhe_kex").start()) {
            try (SSLSocket s = connect(client, server.port())) {
                assertTrue(page(s).contains("\nNew, TLSv1.3"), server.describe());
            }
            try (SSLSocket s = connect(client, server.port())) {
                String page = page(s);
                assertTrue(page.contains("\nReused, TLSv1.3"), page);
                assertNull(((XtlsSession) s.getSession()).details().group(), "psk_ke: no (EC)DHE group");
            }
        }
    }

    @Test
    void anXtlsPskKeClientGetsAFullHandshakeFromADefaultOpenSslServer() throws Exception {
        SSLContext client = withModes("psk_ke", () -> Peer.XTLS.context(pki));
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256())).tls13()
                .extraArgs("-no_cache").start()) {
            for (int i = 0; i < 2; i++) {
                try (SSLSocket s = connect(client, server.port())) {
                    assertTrue(page(s).contains("\nNew, TLSv1.3"), "§4.2.9: psk_ke is not accepted\n"
                            + server.describe());
                }
            }
        }
    }

    private static SSLSocket connect(SSLContext ctx, int port) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
            raw.setSoTimeout(TIMEOUT_MS);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {TLS13});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** GET / from {@code s_server -www}: its status page says "New, " or "Reused, " for this connection. */
    private static String page(SSLSocket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
