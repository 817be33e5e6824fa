package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static dev.xtls.jsse.socket.Loopback.listenPlain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faulty peers, each a raw socket (or a SunJSSE socket layered on one, so the test can misuse the TCP connection
 * under it): resets mid-handshake and mid-record, a trickled handshake, a peer that never reads, FIN without
 * close_notify, data after close_notify, close() from another thread. Each scenario runs with the implementation
 * under test being SunJSSE and Xtls; what the application sees is compared. None may hang or leave a thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketFaultsTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    /** An application_data record header (RFC 5246 §6.2.1) announcing 100 bytes, and 10 of them. */
    private static final byte[] PARTIAL_RECORD = Arrays.copyOf(new byte[] {23, 3, 3, 0, 100}, 15);
    private static final int TRICKLE_BYTES = 40; // one per 100 ms: 4 s, far beyond the 500 ms handshake deadline
    private static TestPki pki;
    private final Loopback loopback = new Loopback();

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @AfterEach
    void stopPeers() {
        loopback.close();
    }

    /** The application-visible kind of a failure. */
    private static String kind(Throwable e) {
        if (e instanceof SSLHandshakeException) {
            return "SSLHandshakeException";
        }
        if (e instanceof SSLException) {
            return "SSLException";
        }
        if (e instanceof SocketTimeoutException) {
            return "SocketTimeoutException";
        }
        if (e instanceof SocketException) {
            return "SocketException";
        }
        return e instanceof IOException ? "IOException" : e.getClass().getSimpleName();
    }

    /** A SunJSSE client's ClientHello record, as a real client sends it. */
    private static byte[] capturedClientHello() throws IOException {
        SSLEngine c = Peer.SUN.context(pki).createSSLEngine(Loopback.HOST, 443);
        c.setUseClientMode(true);
        ByteBuffer net = ByteBuffer.allocate(1 << 15);
        c.wrap(ByteBuffer.allocate(0), net);
        return Arrays.copyOf(net.array(), net.position());
    }

    /** Live threads now, but the test's own peers. */
    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("loopback-peer-")).collect(Collectors.toSet());
    }

    /** Threads started since {@code before} that are still alive; Xtls's one write-deadline timer is per JVM. */
    private static Set<String> newThreads(Set<Thread> before) {
        return threads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .filter(n -> !n.equals("xtls-io-deadline")).collect(Collectors.toSet());
    }

    /** Reads until end of stream or an error, at most 64 bytes; then reads once more. */
    private static String readAll(SSLSocket s) {
        StringBuilder out = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            for (int i = 0; i < 64; i++) {
                int b = in.read();
                if (b < 0) {
                    out.append("<eof>");
                    return out.append(", again ").append(in.read() < 0 ? "<eof>" : "data").toString();
                }
                out.append((char) b);
            }
            return out.append("<more>").toString();
        } catch (IOException e) {
            return out.append("<").append(kind(e)).append(">").toString();
        }
    }

    /** Reads all once the peer has done all it does: every byte it sent is there to read. */
    private static String readAfterThePeer(SSLSocket c, CountDownLatch peerActed) throws InterruptedException {
        assertTrue(peerActed.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        return readAll(c);
    }

    // ---- the implementation under test as a client of a SunJSSE server layered on a raw socket ----

    /** What the SunJSSE server does on its established socket and the raw connection under it. */
    @FunctionalInterface
    private interface ServerMisuse {
        void run(SSLSocket tls, Socket raw) throws Exception;
    }

    /**
     * Connects a client of {@code implementation} to a SunJSSE server on {@code protocol}, which after the
     * handshake runs {@code misuse}; {@code client} says what the client saw. The server holds the connection until
     * the client is done; it starts once the client's handshake is over.
     */
    private String asClient(Peer implementation, String protocol, ServerMisuse misuse, ClientView client)
            throws Exception {
        Set<Thread> before = threads();
        String seen;
        try (ServerSocket plain = listenPlain()) {
            CountDownLatch clientReady = new CountDownLatch(1);
            CountDownLatch peerActed = new CountDownLatch(1);
            CountDownLatch clientDone = new CountDownLatch(1);
            Future<Void> server = loopback.background(() -> {
                try (Socket raw = plain.accept()) {
                    raw.setSoTimeout(TIMEOUT_MS);
                    SSLSocket tls = (SSLSocket) Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256()).getSocketFactory()
                            .createSocket(raw, null, raw.getPort(), false);
                    tls.setUseClientMode(false);
                    tls.setEnabledProtocols(new String[] {protocol});
                    tls.startHandshake();
                    clientReady.await(TIMEOUT_MS, TimeUnit.MILLISECONDS); // the client's handshake is over too
                    try {
                        misuse.run(tls, raw);
                    } finally {
                        peerActed.countDown();
                    }
                    clientDone.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
                return null;
            });
            SSLSocket c = connect(implementation.context(Peer.TLS, pki), plain.getLocalPort());
            try {
                c.setEnabledProtocols(new String[] {protocol});
                c.startHandshake();
                clientReady.countDown();
                seen = client.see(c, peerActed);
            } finally {
                c.close();
                clientDone.countDown();
            }
            await(server);
        }
        assertEquals(Set.of(), newThreads(before), "threads left behind");
        return seen;
    }

    @FunctionalInterface
    private interface ClientView {
        /** {@code peerActed} opens once the server's misuse is done. */
        String see(SSLSocket c, CountDownLatch peerActed) throws Exception;
    }

    private static void reset(Socket raw) throws IOException {
        raw.setSoLinger(true, 0);
        raw.close();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"XTLS, TLSv1.2", "XTLS, TLSv1.3"})
    void finWithoutCloseNotifyAsSunJsse(Peer implementation, String protocol) throws Exception {
        ServerMisuse fin = (tls, raw) -> {
            tls.getOutputStream().write(HELLO);
            tls.getOutputStream().flush();
            raw.shutdownOutput(); // TCP FIN, no close_notify: a truncation attack looks like this
        };
        String sun = asClient(Peer.SUN, protocol, fin, SocketFaultsTest::readAfterThePeer);
        assertEquals(sun, asClient(implementation, protocol, fin, SocketFaultsTest::readAfterThePeer));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"XTLS, TLSv1.2", "XTLS, TLSv1.3"})
    void dataAfterCloseNotifyAsSunJsse(Peer implementation, String protocol) throws Exception {
        ServerMisuse late = (tls, raw) -> {
            tls.getOutputStream().write(HELLO);
            tls.shutdownOutput(); // close_notify; the raw connection stays open
            OutputStream out = raw.getOutputStream();
            out.write(PARTIAL_RECORD);
            out.write(new byte[100 - 10]); // a whole (undecryptable) record after close_notify
            out.flush();
            Thread.sleep(100); // the late record reaches the client before it reads
        };
        String sun = asClient(Peer.SUN, protocol, late, SocketFaultsTest::readAfterThePeer);
        assertEquals(sun, asClient(implementation, protocol, late, SocketFaultsTest::readAfterThePeer));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"XTLS, TLSv1.2", "XTLS, TLSv1.3"})
    void resetInTheMiddleOfARecordAsSunJsse(Peer implementation, String protocol) throws Exception {
        ServerMisuse resetMidRecord = (tls, raw) -> {
            raw.getOutputStream().write(PARTIAL_RECORD);
            raw.getOutputStream().flush();
            reset(raw);
        };
        String sun = asClient(Peer.SUN, protocol, resetMidRecord, SocketFaultsTest::readAfterThePeer);
        assertEquals(sun, asClient(implementation, protocol, resetMidRecord, SocketFaultsTest::readAfterThePeer));
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void closeFromAnotherThreadEndsABlockedRead(Peer implementation) throws Exception {
        String seen = asClient(implementation, "TLSv1.2", (tls, raw) -> { }, (c, peerActed) -> {
            c.setSoTimeout(0);
            CountDownLatch reading = new CountDownLatch(1);
            Future<String> reader = loopback.background(() -> {
                reading.countDown();
                return readAll(c);
            });
            assertTrue(reading.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            Thread.sleep(200); // let it block in read()
            c.close();
            return await(reader) + ", closed " + c.isClosed();
        });
        assertEquals("<SocketException>, closed true", seen);
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void closeFromAnotherThreadEndsABlockedWrite(Peer implementation) throws Exception {
        String seen = asClient(implementation, "TLSv1.2", (tls, raw) -> { }, (c, peerActed) -> { // the server never reads
            AtomicLong written = new AtomicLong();
            Future<String> writer = loopback.background(() -> writeUntilBlocked(c, written));
            waitUntilStalled(written);
            c.close();
            return await(writer) + ", closed " + c.isClosed();
        });
        assertEquals("SocketException, closed true", seen);
    }

    /** Writes 64 KiB chunks until a write fails (256 MiB at most: far beyond any socket buffer). */
    private static String writeUntilBlocked(SSLSocket c, AtomicLong written) {
        byte[] chunk = new byte[1 << 16];
        try {
            for (int i = 0; i < 4096; i++) {
                c.getOutputStream().write(chunk);
                written.addAndGet(chunk.length);
            }
            return "all written";
        } catch (IOException e) {
            return kind(e);
        }
    }

    /** Returns once {@code written} has not moved for 300 ms (bounded to {@link Loopback#TIMEOUT_MS}). */
    private static void waitUntilStalled(AtomicLong written) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < TIMEOUT_MS / 300; i++) {
            Thread.sleep(300);
            long now = written.get();
            if (now == last && now > 0) {
                return;
            }
            last = now;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aPeerThatResetsInTheMiddleOfTheHandshakeFailsTheClient(Peer implementation) throws Exception {
        Set<Thread> before = threads();
        try (ServerSocket plain = listenPlain()) {
            Future<Void> resetter = loopback.background(() -> {
                Socket raw = plain.accept();
                raw.getInputStream().readNBytes(5); // the ClientHello's record header
                reset(raw);
                return null;
            });
            try (SSLSocket c = connect(implementation.context(pki), plain.getLocalPort())) {
                assertEquals("SocketException", failure(c::startHandshake), "Connection reset");
                assertTrue(c.isClosed() || implementation == Peer.SUN, "Xtls closes a socket whose handshake failed");
            }
            await(resetter);
        }
        assertEquals(Set.of(), newThreads(before), "threads left behind");
    }

    // ---- the implementation under test as a server ----

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aClientThatResetsInTheMiddleOfTheHandshakeFailsThatConnectionOnly(Peer implementation) throws Exception {
        byte[] hello = capturedClientHello();
        try (SSLServerSocket server = listen(implementation.context(pki, pki.ecdsaP256()))) {
            Future<String> first = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    return failure(s::startHandshake);
                }
            });
            try (Socket raw = new Socket(Loopback.loopback(), server.getLocalPort())) {
                raw.getOutputStream().write(hello, 0, hello.length / 2);
                raw.getOutputStream().flush();
                Thread.sleep(100); // the server reads the half it got before the reset arrives
                reset(raw);
            }
            assertEquals("SocketException", await(first));
            assertServesTheNextClient(server);
        }
    }

    /** The server accepts another connection from a SunJSSE client and echoes a byte. */
    private void assertServesTheNextClient(SSLServerSocket server) throws Exception {
        Future<Void> echo = loopback.background(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                s.getOutputStream().write(s.getInputStream().read());
                s.getOutputStream().flush();
            }
            return null;
        });
        try (SSLSocket c = connect(Peer.SUN.context(pki), server.getLocalPort())) {
            c.getOutputStream().write(7);
            c.getOutputStream().flush();
            assertEquals(7, c.getInputStream().read());
        }
        await(echo);
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aClientThatResetsInTheMiddleOfARecordFailsThatConnectionOnly(Peer implementation) throws Exception {
        try (SSLServerSocket server = listen(implementation.context(pki, pki.ecdsaP256()))) {
            Future<String> first = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    return readAll(s);
                }
            });
            try (Socket raw = new Socket(Loopback.loopback(), server.getLocalPort())) {
                raw.setSoTimeout(TIMEOUT_MS);
                SSLSocket tls = Loopback.asClient((SSLSocket) Peer.SUN.context(pki).getSocketFactory()
                        .createSocket(raw, Loopback.HOST, server.getLocalPort(), false));
                tls.startHandshake();
                tls.getOutputStream().write(HELLO);
                tls.getOutputStream().flush();
                raw.getOutputStream().write(PARTIAL_RECORD);
                raw.getOutputStream().flush();
                Thread.sleep(100); // the server reads what came before the reset arrives
                reset(raw);
            }
            assertEquals("hello<SocketException>", await(first));
            assertServesTheNextClient(server);
        }
    }

    /**
     * A client that sends half its ClientHello and then nothing, to a server with no SO_TIMEOUT: Xtls's handshake
     * deadline (here 500 ms) ends it and closes the connection; SunJSSE waits until the client goes away (here
     * after 5 s), then reports the handshake cut short.
     */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aClientThatStopsHalfWayIsCutOffByTheHandshakeDeadline(Peer implementation) throws Exception {
        byte[] hello = capturedClientHello();
        Set<Thread> before = threads();
        try (SSLServerSocket server = listen(implementation.context(pki, pki.ecdsaP256()))) {
            Future<String> served = loopback.background(() -> {
                SSLSocket s = XtlsSocketProperties.with(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY, 500,
                        () -> (SSLSocket) server.accept());
                try (s) {
                    s.setSoTimeout(0);
                    return failure(s::startHandshake);
                }
            });
            String outcome;
            try (Socket raw = new Socket(Loopback.loopback(), server.getLocalPort())) {
                raw.getOutputStream().write(hello, 0, hello.length / 2);
                raw.getOutputStream().flush();
                try {
                    outcome = "deadline: " + served.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException stillWaiting) {
                    raw.close();
                    outcome = "client left: " + await(served);
                }
            }
            assertEquals(implementation == Peer.XTLS ? "deadline: SocketTimeoutException"
                    : "client left: SSLHandshakeException", outcome);
        }
        assertEquals(Set.of(), newThreads(before), "threads left behind");
    }

    /**
     * Slowloris: a real ClientHello, one byte per 100 ms (each well within SO_TIMEOUT), stopping half-way. Xtls's
     * handshake deadline cuts it off and closes the connection; SunJSSE has none: it reads on for as long as the
     * trickle lasts and only its SO_TIMEOUT ends the wait once the trickle stops, leaving the socket open.
     */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aTrickledHandshakeIsCutOffByTheHandshakeDeadline(Peer implementation) throws Exception {
        byte[] hello = capturedClientHello();
        Set<Thread> before = threads();
        try (SSLServerSocket server = listen(implementation.context(pki, pki.ecdsaP256()))) {
            Future<String> served = loopback.background(() -> {
                SSLSocket s = XtlsSocketProperties.with(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY, 500,
                        () -> (SSLSocket) server.accept());
                try (s) {
                    s.setSoTimeout(1000);
                    return failure(s::startHandshake) + ", closed " + s.isClosed();
                }
            });
            int sent = 0;
            try (Socket raw = new Socket(Loopback.loopback(), server.getLocalPort())) {
                OutputStream out = raw.getOutputStream();
                for (; sent < Math.min(TRICKLE_BYTES, hello.length / 2) && !served.isDone(); sent++) {
                    out.write(hello[sent]);
                    out.flush();
                    Thread.sleep(100);
                }
                String outcome = await(served);
                if (implementation == Peer.XTLS) {
                    assertEquals("SocketTimeoutException, closed true", outcome);
                    assertTrue(sent < TRICKLE_BYTES, "cut off after " + sent + " bytes");
                } else {
                    assertEquals("SocketTimeoutException, closed false", outcome);
                    assertEquals(TRICKLE_BYTES, sent, "SunJSSE waits for the whole trickle");
                }
            }
        }
        assertEquals(Set.of(), newThreads(before), "threads left behind");
    }

    /**
     * A peer that never reads: Xtls's write deadline (here 500 ms) ends the blocked write and closes the socket;
     * SunJSSE's write blocks until the application closes the socket from another thread.
     */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aPeerThatNeverReadsIsCutOffByTheWriteDeadline(Peer implementation) throws Exception {
        String seen = XtlsSocketProperties.with(XtlsSocket.WRITE_TIMEOUT_PROPERTY, 500, () -> {
            try {
                return stalledWrite(implementation);
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        assertEquals(implementation == Peer.XTLS ? "write deadline: SocketTimeoutException, closed true"
                : "close(): SocketException, closed true", seen);
    }

    private String stalledWrite(Peer implementation) throws Exception {
        return asClient(implementation, "TLSv1.2", (tls, raw) -> { }, (c, peerActed) -> {
            AtomicLong written = new AtomicLong();
            Future<String> writer = loopback.background(() -> writeUntilBlocked(c, written));
            try {
                return "write deadline: " + writer.get(5, TimeUnit.SECONDS) + ", closed " + c.isClosed();
            } catch (TimeoutException stillBlocked) {
                c.close();
                return "close(): " + await(writer) + ", closed " + c.isClosed();
            }
        });
    }

    @FunctionalInterface
    private interface Io {
        void run() throws IOException;
    }

    /** The kind of exception {@code call} throws, or "nothing". */
    private static String failure(Io call) {
        try {
            call.run();
            return "nothing";
        } catch (IOException e) {
            return kind(e);
        }
    }
}
