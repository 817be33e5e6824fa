package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.Secret;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.session.SessionState;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session resumption by id (RFC 5246 §7.3) with OpenSSL, both ways: the Xtls SSLSocket client reconnecting to one
 * {@code openssl s_server}, and {@code openssl s_client -sess_out} then {@code -sess_in} against one Xtls server
 * context. OpenSSL says "New" or "Reused" for each connection: s_server on its {@code -www} page, s_client in its
 * summary. Neither side offers session tickets here: Xtls sends no session_ticket extension and ignores one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslResumptionIT {
    static final int TIMEOUT_MS = (int) OpenSsl.DEFAULT_TIMEOUT.toMillis();
    static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    static TestPki.PemFiles ecdsaPem;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
        ecdsaPem = pki.writePem(dir, pki.ecdsaP256());
    }

    @Test
    void xtlsClientResumesItsSessionWithOpenSslServer() throws Exception {
        SSLContext client = Peer.XTLS.context(pki);
        try (OpenSslServer server = OpenSslServer.builder(ecdsaPem).cipher(SUITE).start()) {
            Page first = get(client, server.port());
            assertTrue(first.text().contains("\nNew, TLSv1.2, Cipher is "), first.text());
            Page second = get(client, server.port());
            assertTrue(second.text().contains("\nReused, TLSv1.2, Cipher is "), second.text());
            assertArrayEquals(first.session().getId(), second.session().getId());
            assertSame(first.session(), second.session(), "the Xtls socket reports the resumed session");
            assertEquals(SUITE, second.session().getCipherSuite());
        }
    }

    @Test
    void openSslClientResumesItsSessionWithXtlsServer() throws Exception {
        SSLContext ctx = Peer.XTLS.context(pki, pki.ecdsaP256());
        Path session = dir.resolve("s_client.session");
        Files.deleteIfExists(session);
        JavaTlsServer.Served first;
        try (JavaTlsServer server = JavaTlsServer.start(ctx, false, SUITE)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .extraArgs("-no_ticket", "-sess_out", session.toString()) // by id; tickets: OpenSslTicketResumptionIT
                    .stdin("hello xtls\n".getBytes(StandardCharsets.US_ASCII)).run();
            first = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("New, TLSv1.2, Cipher is "), r.describe());
        }
        assertTrue(Files.size(session) > 0, "s_client wrote its session");
        try (JavaTlsServer server = JavaTlsServer.start(ctx, false, SUITE)) {
            OpenSslClient.Result r = OpenSslClient.connect(server.port()).caFile(ca)
                    .extraArgs("-no_ticket", "-sess_in", session.toString())
                    .stdin("hello again\n".getBytes(StandardCharsets.US_ASCII)).run();
            JavaTlsServer.Served second = server.awaitServed();
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("Reused, TLSv1.2, Cipher is "), r.describe());
            assertTrue(r.stdout().contains("echo: hello again"), r.describe());
            assertArrayEquals(first.session().getId(), second.session().getId());
            assertSame(first.session(), second.session(), "the Xtls server reports the resumed session");
        }
    }

    @Test
    void xtlsClientDestroysTheMasterSecretOfASessionTheServerGaveNoId() throws Exception {
        SSLContext client = Peer.XTLS.context(pki);
        // RFC 5246 §7.4.1.3: without a session cache or tickets, s_server sends an empty session_id (not resumable)
        try (OpenSslServer server = OpenSslServer.builder(ecdsaPem).cipher(SUITE).extraArgs("-no_cache", "-no_ticket")
                .start()) {
            Page page = get(client, server.port());
            assertTrue(page.text().contains("\nNew, TLSv1.2, Cipher is "), page.text());
            assertEquals(0, page.session().getId().length, "s_server gave no session id");
            assertFalse(page.session().isValid(), "a session without an id is not resumable");
            assertTrue(masterSecret(page.session()).isDestroyed(), "nothing will resume it, so the secret is gone");
            assertFalse(client.getClientSessionContext().getIds().hasMoreElements(), "nothing cached");
        }
    }

    /** The session's master secret, read past the package-private accessor: no public API reaches it. */
    private static Secret masterSecret(SSLSession session) throws ReflectiveOperationException {
        Method state = XtlsSession.class.getDeclaredMethod("state");
        state.setAccessible(true);
        return ((SessionState) state.invoke(session)).masterSecret();
    }

    /** What s_server's -www page said, and the Xtls session it was fetched over. */
    private record Page(String text, SSLSession session) {
    }

    /** GET / over a new Xtls socket to 127.0.0.1:port, SNI and host check "localhost". */
    private static Page get(SSLContext client, int port) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MS);
        raw.setSoTimeout(TIMEOUT_MS);
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", port, true)) {
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            p.setServerNames(List.of(new SNIHostName("localhost")));
            s.setSSLParameters(p);
            s.startHandshake();
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String page = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return new Page(page, s.getSession());
        }
    }
}
