package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After the TLS 1.3 handshake, against OpenSSL 3.0: post-handshake client authentication (RFC 8446 §4.6.2) both
 * ways — an Xtls server stepping up to needClientAuth with {@code s_client -enable_pha}, and an Xtls client
 * answering {@code s_server}'s "c" command — and exported keying material (RFC 8446 §7.5, RFC 5705 with the
 * extended master secret) compared with {@code -keymatexport} on both sides. Only 127.0.0.1; every wait bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslPostHandshakeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LABEL = "EXPORTER-xtls-it";
    private static final int LENGTH = 40;
    private static final Pattern KEYING_MATERIAL = Pattern.compile("Keying material: ([0-9A-Fa-f]+)");

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "post-handshake-it");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        ca = pki.writeCaPem(dir);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // ---- post-handshake authentication -----------------------------------------------------------------------

    @Test
    void xtlsServerStepsUpToNeedClientAuthWithOpenSslEnablePha() throws Exception {
        try (ServerSocket listener = listen()) {
            List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
            Future<Certificate[]> served = threads.submit(() -> {
                try (SSLSocket s = accept(listener, Peer.XTLS.context(pki, pki.ecdsaP256()), "TLSv1.3")) {
                    s.addHandshakeCompletedListener(events::add);
                    assertEquals("GET /private", readLine(s.getInputStream()));
                    s.setNeedClientAuth(true);
                    s.startHandshake(); // RFC 8446 §4.6.2: returns with the client's certificate
                    Certificate[] chain = s.getSession().getPeerCertificates();
                    s.getOutputStream().write("200 step-up\n".getBytes(StandardCharsets.US_ASCII));
                    return chain;
                }
            });
            OpenSslClient.Result r = OpenSslClient.connect(listener.getLocalPort()).tls13().caFile(ca)
                    .certificate(pki.writePem(dir, pki.rsa2048())).extraArgs("-enable_pha")
                    .stdin("GET /private\n".getBytes(StandardCharsets.US_ASCII)).timeout(WAIT)
                    .runUntil("200 step-up");
            assertTrue(r.stdout().contains("200 step-up"), r.describe());
            assertEquals(pki.rsa2048().leaf(), served.get(WAIT.toSeconds(), TimeUnit.SECONDS)[0]);
            assertEquals(2, events.size(), "the listener heard of the handshake and of the authentication");
        }
    }

    @Test
    void xtlsServerCannotStepUpWhenOpenSslDidNotEnablePha() throws Exception {
        try (ServerSocket listener = listen()) {
            Future<String> served = threads.submit(() -> {
                try (SSLSocket s = accept(listener, Peer.XTLS.context(pki, pki.ecdsaP256()), "TLSv1.3")) {
                    assertEquals("GET /private", readLine(s.getInputStream()));
                    s.setNeedClientAuth(true);
                    SSLException refused = assertThrows(SSLException.class, s::startHandshake);
                    s.getOutputStream().write("403 no step-up\n".getBytes(StandardCharsets.US_ASCII));
                    return refused.getMessage();
                }
            });
            OpenSslClient.Result r = OpenSslClient.connect(listener.getLocalPort()).tls13().caFile(ca)
                    .certificate(pki.writePem(dir, pki.rsa2048()))
                    .stdin("GET /private\n".getBytes(StandardCharsets.US_ASCII)).timeout(WAIT)
                    .runUntil("403 no step-up");
            assertTrue(r.stdout().contains("403 no step-up"), "the connection goes on\n" + r.describe());
            String message = served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(message.contains("post_handshake_auth"), message);
        }
    }

    @Test
    void xtlsClientAnswersOpenSslServerCCommand() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256())).tls13()
                .mode(OpenSslServer.Mode.INTERACTIVE).caFile(ca).extraArgs("-verify", "1").start();
                SSLSocket s = connect(Peer.XTLS.context(pki, pki.rsa2048()), server.port(), "TLSv1.3")) {
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(server.awaitPrinted("hello", WAIT), server.describe());
            int verifiedBefore = count(server.stderr(), "depth=0"); // s_server verified our leaf in the handshake

            server.command("c"); // SSL_verify_client_post_handshake: a CertificateRequest after the handshake
            Thread.sleep(500); // pacing only: s_server takes a command from a stdin read that holds nothing else
            server.command("after");
            assertEquals("after", readLine(s.getInputStream())); // the read answered the CertificateRequest
            s.getOutputStream().write("authenticated\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(server.awaitPrinted("authenticated", WAIT), server.describe());
            // s_server checked our certificate once more, and it accepted CertificateVerify and Finished
            assertEquals(1, verifiedBefore, server.describe());
            assertEquals(2, count(server.stderr(), "depth=0"), server.describe());
            assertTrue(server.stdout().contains("SSL_do_handshake -> 1"), server.describe());
        }
    }

    // ---- exporters -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void openSslClientExportsWhatTheXtlsServerExports(String protocol) throws Exception {
        try (ServerSocket listener = listen()) {
            Future<byte[]> served = threads.submit(() -> {
                try (SSLSocket s = accept(listener, Peer.XTLS.context(pki, pki.ecdsaP256()), protocol)) {
                    assertEquals("export", readLine(s.getInputStream()));
                    byte[] ours = Xtls.exportKeyingMaterial(s, LABEL, null, LENGTH);
                    s.getOutputStream().write("done\n".getBytes(StandardCharsets.US_ASCII));
                    return ours;
                }
            });
            OpenSslClient.Builder b = OpenSslClient.connect(listener.getLocalPort()).caFile(ca)
                    .extraArgs("-keymatexport", LABEL, "-keymatexportlen", Integer.toString(LENGTH))
                    .stdin("export\n".getBytes(StandardCharsets.US_ASCII)).timeout(WAIT);
            OpenSslClient.Result r = (protocol.equals("TLSv1.3") ? b.tls13() : b).runUntil("done");
            byte[] ours = served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(keyingMaterial(r.stdout()), HexFormat.of().formatHex(ours), r.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void xtlsClientExportsWhatOpenSslServerExports(String protocol) throws Exception {
        OpenSslServer.Builder b = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.INTERACTIVE).caFile(ca)
                .extraArgs("-keymatexport", LABEL, "-keymatexportlen", Integer.toString(LENGTH));
        try (OpenSslServer server = (protocol.equals("TLSv1.3") ? b.tls13() : b).start();
                SSLSocket s = connect(Peer.XTLS.context(pki), server.port(), protocol)) {
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(server.awaitPrinted("hello", WAIT), server.describe());
            assertEquals(keyingMaterial(server.stdout()),
                    HexFormat.of().formatHex(Xtls.exportKeyingMaterial(s, LABEL, null, LENGTH)), server.describe());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String keyingMaterial(String opensslOutput) {
        Matcher m = KEYING_MATERIAL.matcher(opensslOutput);
        assertTrue(m.find(), "OpenSSL printed no keying material:\n" + opensslOutput);
        return m.group(1).toLowerCase();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    private static SSLSocket accept(ServerSocket listener, SSLContext ctx, String protocol) throws IOException {
        Socket raw = listener.accept();
        raw.setSoTimeout((int) WAIT.toMillis());
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, (InputStream) null, true); // server mode
        s.setEnabledProtocols(new String[] {protocol});
        return s;
    }

    private static SSLSocket connect(SSLContext ctx, int port, String protocol) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), (int) WAIT.toMillis());
            raw.setSoTimeout((int) WAIT.toMillis());
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** A line of ASCII without its end; null at end of stream. Bounded length. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < 4096; i++) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        throw new IOException("line longer than 4096 bytes");
    }
}
