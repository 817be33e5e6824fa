package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSessionContext;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5077 session tickets between Xtls and OpenSSL, both directions. A resumption proves the ticket did it when the
 * other side cannot resume by id: {@code s_server -no_cache} keeps no sessions, and a second Xtls server context
 * (its own id cache) sharing only the key file has never seen the id. Only 127.0.0.1; every process is bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSslTicketResumptionIT {
    private static final byte[] LINE = "ticket\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
    }

    /** An Xtls server context (certificate from {@code pki}) whose ticket keys come from {@code keyFile}. */
    static SSLContext xtlsServer(TestPki pki, Path keyFile) throws Exception {
        SSLContext ctx = Peer.XTLS.context(pki, pki.ecdsaP256());
        ((XtlsSessionContext) ctx.getServerSessionContext()).useSessionTicketKeys(keyFile);
        return ctx;
    }

    /** s_client (TLS 1.2) to {@code server}, one line, reading the session from and/or writing it to a file. */
    static OpenSslClient.Result sClient(TlsEchoServer server, String... sessionArgs) {
        OpenSslClient.Result r = OpenSslClient.connect(server.port()).stdin(LINE).extraArgs(sessionArgs).run();
        assertTrue(r.handshakeCompleted() && r.stdout().contains("echo: ticket"), r.describe());
        return r;
    }

    /** GET / from {@code s_server -www}: its status page says "New, " or "Reused, " for this connection. */
    private static String page(SSLSocket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    // ---- Xtls client -> openssl s_server ----------------------------------------------------------------------

    @Test
    void xtlsClientResumesByTicketWithAnOpenSslServerThatKeepsNoSessions() throws Exception {
        SSLContext client = Peer.XTLS.context(pki);
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256())).extraArgs("-no_cache")
                .start()) {
            SSLSession first;
            try (SSLSocket s = OpenSslInteropIT.connect(client, server.port())) {
                assertTrue(page(s).contains("\nNew, "), server.describe());
                first = s.getSession();
            }
            try (SSLSocket s = OpenSslInteropIT.connect(client, server.port())) {
                String page = page(s);
                assertTrue(page.contains("\nReused, "), "s_server -no_cache resumed, so by ticket:\n" + page);
                assertSame(first, s.getSession(), "the application sees the session of the first connection");
            }
        }
    }

    // ---- openssl s_client -> Xtls server ----------------------------------------------------------------------

    @Test
    void openSslClientResumesByTicketOnASecondXtlsServerSharingTheKeyFile() throws Exception {
        Path keys = TicketKeyFile.write(dir.resolve("shared.key"), TicketKeyFile.newKey());
        Path session = dir.resolve("by-ticket.pem");
        SSLContext aContext = xtlsServer(pki, keys);
        try (TlsEchoServer a = TlsEchoServer.start(aContext);
                TlsEchoServer b = TlsEchoServer.start(xtlsServer(pki, keys))) {
            assertFalse(sClient(a, "-sess_out", session.toString()).reused());
            assertFalse(aContext.getServerSessionContext().getIds().hasMoreElements(),
                    "RFC 5077 §3.4: the ticket carries the session, server a keeps none (as SunJSSE)");
            OpenSslClient.Result second = sClient(b, "-sess_in", session.toString());
            assertTrue(second.reused(), "server b never saw the id: the ticket resumed\n" + second.describe());
            assertTrue(sClient(a, "-sess_in", session.toString()).reused(), "server a resumes the ticket too");
            assertEquals(List.of(), a.failures());
            assertEquals(List.of(), b.failures());
        }
    }

    @Test
    void openSslClientWithoutTicketsResumesByIdOnTheSameXtlsServerOnly() throws Exception {
        Path keys = TicketKeyFile.write(dir.resolve("by-id.key"), TicketKeyFile.newKey());
        Path session = dir.resolve("by-id.pem");
        try (TlsEchoServer a = TlsEchoServer.start(xtlsServer(pki, keys));
                TlsEchoServer b = TlsEchoServer.start(xtlsServer(pki, keys))) {
            assertFalse(sClient(a, "-no_ticket", "-sess_out", session.toString()).reused());
            assertFalse(sClient(b, "-no_ticket", "-sess_in", session.toString()).reused(),
                    "no ticket and no shared id cache: server b cannot resume");
            assertTrue(sClient(a, "-no_ticket", "-sess_in", session.toString()).reused(),
                    "server a resumes by id (RFC 5246 §7.3)");
            assertEquals(List.of(), a.failures());
            assertEquals(List.of(), b.failures());
        }
    }
}
