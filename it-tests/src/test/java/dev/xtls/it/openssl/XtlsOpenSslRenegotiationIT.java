package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renegotiation (RFC 5746) between Xtls and OpenSSL, both directions: {@code openssl s_server}'s "R" command
 * steps up to a client certificate that the Xtls client presents; an Xtls server steps up to needClientAuth
 * against {@code openssl s_client -cert -key}; s_client's own "R" is refused by default and accepted with
 * jdk.tls.rejectClientInitiatedRenegotiation=false, within a rate limit. Only 127.0.0.1; every wait bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsOpenSslRenegotiationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "renegotiation-it");
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

    // ---- openssl s_server -> Xtls client ----------------------------------------------------------------------

    @Test
    void openSslServerStepsUpWithRAndTheXtlsClientPresentsItsCertificate() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder(pki.writePem(dir, pki.ecdsaP256()))
                .mode(OpenSslServer.Mode.INTERACTIVE).caFile(ca).start();
                SSLSocket s = OpenSslInteropIT.connect(Peer.XTLS.context(pki, pki.rsa2048()), server.port())) {
            List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
            s.addHandshakeCompletedListener(events::add);
            assertNull(s.getSession().getLocalCertificates(), "no certificate was asked for yet");
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(server.awaitPrinted("hello", WAIT), server.describe());

            server.command("R"); // HelloRequest; the renegotiation asks for a certificate, verified against -CAfile
            Thread.sleep(500); // pacing only: s_server takes a command from a stdin read that holds nothing else
            server.command("after");
            assertEquals("after", readLine(s.getInputStream())); // the read answered the HelloRequest
            s.startHandshake(); // completes the renegotiation the server started

            assertEquals(pki.rsa2048().leaf(), s.getSession().getLocalCertificates()[0]);
            assertEquals(1, events.size(), "the listener heard of the renegotiation");
            s.getOutputStream().write("with a certificate\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(server.awaitPrinted("with a certificate", WAIT), server.describe());
        }
    }

    // ---- openssl s_client -> Xtls server ----------------------------------------------------------------------

    @Test
    void xtlsServerStepsUpToNeedClientAuthAndSeesTheOpenSslClientCertificate() throws Exception {
        try (ServerSocket listener = listen()) {
            Future<Certificate[]> served = threads.submit(() -> {
                try (SSLSocket s = accept(listener, Peer.XTLS.context(pki, pki.ecdsaP256()), new AtomicLong(),
                        new AtomicLong())) {
                    assertEquals("GET /private", readLine(s.getInputStream()));
                    s.setNeedClientAuth(true);
                    s.startHandshake(); // the step-up: returns with the client's certificate
                    Certificate[] chain = s.getSession().getPeerCertificates();
                    s.getOutputStream().write("200 step-up\n".getBytes(StandardCharsets.US_ASCII));
                    return chain;
                }
            });
            OpenSslClient.Result r = OpenSslClient.connect(listener.getLocalPort()).caFile(ca)
                    .certificate(pki.writePem(dir, pki.rsa2048())).stdin("GET /private\n".getBytes())
                    .timeout(WAIT).runUntil("200 step-up");
            assertTrue(r.stdout().contains("200 step-up"), r.describe());
            assertEquals(pki.rsa2048().leaf(), served.get(WAIT.toSeconds(), TimeUnit.SECONDS)[0]);
        }
    }

    @Test
    void openSslClientRenegotiationIsRefusedByDefault() throws Exception {
        Outcome o = clientRenegotiations(Peer.XTLS.context(pki, pki.ecdsaP256()), 3);
        o.print("refused by default");
        assertEquals(0, o.renegotiations(), o.describe());
        assertEquals(1, o.requests(), "OpenSSL gave up after the first refusal\n" + o.describe());
        // Xtls answered no_renegotiation; OpenSSL ends a renegotiation it asked for with handshake_failure
        assertTrue(o.clientOutput().contains("no renegotiation"), o.describe());
        assertTrue(o.serverError().contains("handshake_failure"), o.describe());
    }

    @Test
    void openSslClientRenegotiationIsAcceptedWithThePropertyAndRateLimited() throws Exception {
        SSLContext accepting = withSystemProperty("jdk.tls.rejectClientInitiatedRenegotiation", "false",
                () -> Peer.XTLS.context(pki, pki.ecdsaP256()));
        Outcome o = clientRenegotiations(accepting, 30);
        o.print("accepted with jdk.tls.rejectClientInitiatedRenegotiation=false");
        assertEquals(10, o.renegotiations(), "ten renegotiations a minute are accepted\n" + o.describe());
        assertEquals(11, o.requests(), "the eleventh was refused and OpenSSL gave up\n" + o.describe());
        assertTrue(o.clientOutput().contains("no renegotiation"), o.describe());
    }

    /** What a run of s_client "R" commands against an Xtls server did. */
    private record Outcome(String clientOutput, int requests, int renegotiations, long bytesIn, long bytesOut,
            String serverError) {
        void print(String policy) {
            System.out.printf("s_client R, %s: requests in %d, renegotiations %d, bytes in %d, bytes out %d,"
                    + " outcome: %s%n", policy, requests, renegotiations, bytesIn, bytesOut, serverError);
        }

        String describe() {
            return "server: " + serverError + "\n--- s_client ---\n" + clientOutput;
        }
    }

    /**
     * s_client sends "R" up to {@code max} times, each followed by a line the Xtls server echoes once the
     * renegotiation is done; it stops at the first that fails. The server counts handshakes and wire bytes.
     */
    private Outcome clientRenegotiations(SSLContext serverContext, int max) throws Exception {
        AtomicLong in = new AtomicLong();
        AtomicLong out = new AtomicLong();
        List<HandshakeCompletedEvent> handshakes = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = listen()) {
            Future<String> served = threads.submit(() -> {
                try (SSLSocket s = accept(listener, serverContext, in, out)) {
                    s.startHandshake();
                    s.addHandshakeCompletedListener(handshakes::add);
                    for (int i = 0; i < 1000; i++) {
                        String line = readLine(s.getInputStream());
                        if (line == null) {
                            return "end of stream";
                        }
                        s.getOutputStream().write(("echo: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    return "done";
                } catch (SSLException e) {
                    return e.getMessage();
                }
            });
            Path outFile = dir.resolve("s_client-" + System.nanoTime() + ".out");
            Process p = new ProcessBuilder(OpenSsl.binary(), "s_client", "-connect",
                    "127.0.0.1:" + listener.getLocalPort(), "-tls1_2", "-noservername", "-CAfile", ca.toString(),
                    "-verify_return_error").redirectErrorStream(true).redirectOutput(outFile.toFile()).start();
            int requests = 0;
            try {
                line(p, outFile, "before");
                for (int i = 0; i < max && p.isAlive(); i++) {
                    p.getOutputStream().write("R\n".getBytes(StandardCharsets.US_ASCII));
                    p.getOutputStream().flush();
                    requests++;
                    if (!line(p, outFile, "after " + i)) {
                        break;
                    }
                }
            } finally {
                OpenSsl.stop(p);
            }
            String error = served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new Outcome(OpenSsl.read(outFile), requests, handshakes.size(), in.get(), out.get(), error);
        }
    }

    /** Sends {@code text} as a line through s_client and waits (bounded) for the echo; false if none came. */
    private static boolean line(Process p, Path outFile, String text) throws Exception {
        Thread.sleep(200); // pacing only: s_client takes a command from a stdin read that holds nothing else
        if (!p.isAlive()) {
            return false;
        }
        p.getOutputStream().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (OpenSsl.read(outFile).contains("echo: " + text)) {
                return true;
            }
            Thread.sleep(20);
        }
        return OpenSsl.read(outFile).contains("echo: " + text);
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private static ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    /** Accepts one connection as an Xtls TLSv1.2 server socket, counting the bytes each way. */
    private static SSLSocket accept(ServerSocket listener, SSLContext ctx, AtomicLong in, AtomicLong out)
            throws IOException {
        Socket raw = listener.accept();
        raw.setSoTimeout((int) WAIT.toMillis());
        Socket counted = new CountingSocket(raw, in, out);
        SSLSocket s = (SSLSocket) ((SSLSocketFactory) ctx.getSocketFactory()).createSocket(counted, null, true);
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        return s;
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

    private static SSLContext withSystemProperty(String key, String value, Supplier<SSLContext> make) {
        synchronized (Peer.class) {
            String before = System.getProperty(key);
            System.setProperty(key, value);
            try {
                return make.get();
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }

    /** A connected socket whose streams count the bytes that pass. */
    private static final class CountingSocket extends Socket {
        private final Socket raw;
        private final InputStream in;
        private final OutputStream out;

        CountingSocket(Socket raw, AtomicLong bytesIn, AtomicLong bytesOut) throws IOException {
            this.raw = raw;
            this.in = new FilterInputStream(raw.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    bytesIn.addAndGet(Math.max(n, 0));
                    return n;
                }
            };
            this.out = new FilterOutputStream(raw.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytesOut.addAndGet(len);
                }
            };
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public boolean isConnected() {
            return raw.isConnected();
        }

        @Override
        public boolean isClosed() {
            return raw.isClosed();
        }

        @Override
        public java.net.InetAddress getInetAddress() {
            return raw.getInetAddress();
        }

        @Override
        public int getPort() {
            return raw.getPort();
        }

        @Override
        public int getSoTimeout() throws java.net.SocketException {
            return raw.getSoTimeout();
        }

        @Override
        public void setSoTimeout(int timeout) throws java.net.SocketException {
            raw.setSoTimeout(timeout);
        }

        @Override
        public void shutdownOutput() throws IOException {
            raw.shutdownOutput();
        }

        @Override
        public void shutdownInput() throws IOException {
            raw.shutdownInput();
        }

        @Override
        public synchronized void close() throws IOException {
            raw.close();
        }
    }
}
