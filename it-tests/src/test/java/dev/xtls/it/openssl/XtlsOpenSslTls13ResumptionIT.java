package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.XtlsSessionContext;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 resumption between Xtls and OpenSSL 3.0 both ways (RFC 8446 §2.2), tickets sealed with the same key
 * file as TLS 1.2's (a fleet), and early data an Xtls server skips (§4.2.10). Only 127.0.0.1; processes bounded.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class XtlsOpenSslTls13ResumptionIT {
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

    private static OpenSslClient.Result sClient(TlsEchoServer server, String... args) {
        OpenSslClient.Result r = OpenSslClient.connect(server.port()).tls13().caFile(ca).stdin(LINE)
                .extraArgs(args).run();
        assertTrue(r.handshakeCompleted() && r.stdout().contains("echo: ticket"), r.describe());
        return r;
    }

    @Test
    void openSslClientResumesOnASecondXtlsServerSharingTheTicketKeyFile() throws Exception {
        Path keys = TicketKeyFile.write(dir.resolve("fleet13.key"), TicketKeyFile.newKey());
        Path session = dir.resolve("fleet13.pem");
        try (TlsEchoServer a = TlsEchoServer.start(OpenSslTicketResumptionIT.xtlsServer(pki, keys), TLS13);
                TlsEchoServer b = TlsEchoServer.start(OpenSslTicketResumptionIT.xtlsServer(pki, keys), TLS13)) {
            OpenSslClient.Result first = sClient(a, "-sess_out", session.toString());
            assertFalse(first.reused(), first.describe());
            assertTrue(first.stdout().contains("New, TLSv1.3"), first.describe());
            OpenSslClient.Result second = sClient(b, "-sess_in", session.toString());
            assertTrue(second.reused(), "server b resumed the ticket server a issued\n" + second.describe());
            assertTrue(second.stdout().contains("Reused, TLSv1.3"), second.describe());
            assertEquals(List.of(), a.failures());
            assertEquals(List.of(), b.failures());
        }
    }

    @Test
    void xtlsClientReconnectingToOpenSslServerResumes() throws Exception {
        SSLContext client = Peer.XTLS.context(pki);
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256())).tls13()
                .extraArgs("-no_cache").start()) {
            try (SSLSocket s = connect(client, server.port())) {
                assertTrue(page(s).contains("\nNew, TLSv1.3"), server.describe());
            }
            try (SSLSocket s = connect(client, server.port())) {
                String page = page(s);
                assertTrue(page.contains("\nReused, TLSv1.3"), "s_server -no_cache resumed the ticket:\n" + page);
            }
        }
    }

    /**
     * s_client sends early data only with a session that allows it: it gets one from {@code s_server -early_data},
     * then offers it with 0-RTT data to an Xtls server, which cannot open the ticket, skips the early records and
     * completes a full 1-RTT handshake; the early data never reaches the application.
     */
    @Test
    void earlyDataToAnXtlsServerIsSkippedAndTheHandshakeCompletesIn1Rtt() throws Exception {
        Path session = dir.resolve("early.pem");
        Path early = dir.resolve("early.txt");
        Files.writeString(early, "EARLY\n");
        // s_server takes -early_data only in its interactive mode; the ticket comes right after the handshake
        try (OpenSslServer openssl = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256())).tls13()
                .mode(OpenSslServer.Mode.INTERACTIVE).extraArgs("-early_data").start()) {
            OpenSslClient.Result r = OpenSslClient.connect(openssl.port()).tls13().caFile(ca)
                    .stdin(new byte[0]).extraArgs("-sess_out", session.toString()).runUntil("Max Early Data");
            assertTrue(r.stdout().contains("Max Early Data: 16384"), r.describe());
            assertTrue(Files.size(session) > 0, r.describe());
        }
        try (TlsEchoServer xtls = TlsEchoServer.start(Peer.XTLS.context(pki, pki.ecdsaP256()), TLS13)) {
            OpenSslClient.Result r = sClient(xtls, "-sess_in", session.toString(), "-early_data", early.toString());
            assertFalse(r.reused(), r.describe());
            assertTrue(r.stdout().contains("Early data was rejected"), r.describe());
            assertFalse(r.stdout().contains("echo: EARLY"), "early data is not application data\n" + r.describe());
            assertEquals(List.of(), xtls.failures());
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
            p.setServerNames(List.of(new SNIHostName("localhost")));
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
