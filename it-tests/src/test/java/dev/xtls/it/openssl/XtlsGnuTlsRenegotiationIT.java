package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnutls-cli --rehandshake} against an Xtls server: refused by default (no_renegotiation, then fatal when
 * GnuTLS asks again), accepted with jdk.tls.rejectClientInitiatedRenegotiation=false; and a GnuTLS client that
 * does not signal RFC 5746 ({@code %DISABLE_SAFE_RENEGOTIATION}) is never renegotiated with. Only 127.0.0.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XtlsGnuTlsRenegotiationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2";

    @TempDir
    static Path dir;
    static TestPki pki;
    static Path ca;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gnutls-it");
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

    @Test
    void aGnuTlsRehandshakeIsRefusedByDefaultAndAskingAgainEndsTheConnection() throws Exception {
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<String> served = echo(server, new CopyOnWriteArrayList<>());
            String out = gnutls(server.getLocalPort(), TLS12, "--rehandshake");
            String error = served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(error.contains("renegotiation refused") && error.contains("second renegotiation request"),
                    error + "\n--- gnutls-cli ---\n" + out);
            assertTrue(error.contains("jdk.tls.rejectClientInitiatedRenegotiation=false"), error);
            assertTrue(out.contains("warning alert"), out);
        }
    }

    @Test
    void aGnuTlsRehandshakeIsAcceptedWithTheProperty() throws Exception {
        SSLContext accepting = withSystemProperty("jdk.tls.rejectClientInitiatedRenegotiation", "false",
                pki -> Peer.XTLS.context(pki, pki.ecdsaP256()));
        try (SSLServerSocket server = listen(accepting)) {
            List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
            Future<String> served = echo(server, events);
            String out = gnutls(server.getLocalPort(), TLS12, "--rehandshake");
            assertTrue(out.contains("echo: hello"), out);
            assertTrue(out.contains("ReHandshake was completed"), out);
            assertEquals("end of stream", served.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(2, events.size(), "the initial handshake and GnuTLS's rehandshake");
        }
    }

    @Test
    void aClientWithoutRfc5746IsNeverRenegotiatedWith() throws Exception {
        SSLContext accepting = withSystemProperty("jdk.tls.rejectClientInitiatedRenegotiation", "false",
                pki -> Peer.XTLS.context(pki, pki.ecdsaP256()));
        try (SSLServerSocket server = listen(accepting)) {
            Future<String> served = threads.submit(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout((int) WAIT.toMillis());
                    String line = readLine(s.getInputStream());
                    s.setNeedClientAuth(true);
                    SSLHandshakeException e = assertThrows(SSLHandshakeException.class, s::startHandshake);
                    s.getOutputStream().write(("echo: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    return e.getMessage();
                }
            });
            String out = gnutls(server.getLocalPort(), TLS12 + ":%DISABLE_SAFE_RENEGOTIATION");
            String refusal = served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(refusal.contains("did not signal secure renegotiation (RFC 5746)"), refusal);
            assertTrue(out.contains("echo: hello"), "the connection goes on after the refusal\n" + out);
        }
    }

    /** Echoes lines until the end of the stream; returns "end of stream" or the error that ended it. */
    private Future<String> echo(SSLServerSocket server, List<HandshakeCompletedEvent> events) {
        return threads.submit(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout((int) WAIT.toMillis());
                s.addHandshakeCompletedListener(events::add);
                for (int i = 0; i < 100; i++) {
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
    }

    /** gnutls-cli sends "hello", waits (bounded) for the echo or its own end, then its stdin closes. */
    private static String gnutls(int port, String priority, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GnuTlsCli.binary(), "-p", Integer.toString(port), "127.0.0.1",
                "--x509cafile", ca.toString(), "--verify-hostname", "localhost", "--priority", priority));
        cmd.addAll(List.of(extra));
        Path out = dir.resolve("gnutls-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && p.isAlive() && !OpenSsl.read(out).contains("- Simple Client Mode")
                    && !OpenSsl.read(out).contains("Handshake was completed")) {
                Thread.sleep(20);
            }
            writeIfRunning(p, "hello\n");
            while (System.nanoTime() < deadline && p.isAlive() && !OpenSsl.read(out).contains("echo: hello")) {
                Thread.sleep(20);
            }
            closeInput(p);
            p.waitFor(2, TimeUnit.SECONDS);
        } finally {
            OpenSsl.stop(p);
        }
        return OpenSsl.read(out);
    }

    // gnutls-cli may end between isAlive() and the write (the server ended the connection): its output says why
    private static void writeIfRunning(Process p, String text) throws IOException {
        try {
            if (p.isAlive()) {
                p.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
                p.getOutputStream().flush();
            }
        } catch (IOException e) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    throw e; // still running: the pipe broke for another reason
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
        }
    }

    private static void closeInput(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already gone: the process ended and its pipe with it
        }
    }

    private static SSLServerSocket listen(SSLContext ctx) throws IOException {
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        s.setSoTimeout((int) WAIT.toMillis());
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        return s;
    }

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

    private static SSLContext withSystemProperty(String key, String value,
            java.util.function.Function<TestPki, SSLContext> make) {
        synchronized (Peer.class) {
            String before = System.getProperty(key);
            System.setProperty(key, value);
            try {
                return make.apply(pki);
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }
}
