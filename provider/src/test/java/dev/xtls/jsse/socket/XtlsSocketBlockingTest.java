package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.asClient;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static dev.xtls.jsse.socket.Loopback.listenPlain;
import static dev.xtls.jsse.socket.Loopback.randomBytes;
import static dev.xtls.jsse.socket.Loopback.readExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Timeouts, threads and closing: what an Xtls socket does while something blocks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XtlsSocketBlockingTest {
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

    /** A SunJSSE server that, for each chunk it reads, writes the same bytes back, until the client closes. */
    private Future<Long> streamingEcho(SSLServerSocket server) {
        return loopback.background(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[8192];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    total += n;
                }
                return total;
            }
        });
    }

    @Test
    void soTimeoutGivesSocketTimeoutExceptionInTheMiddleOfARecordAndTheNextReadGoesOn() throws Exception {
        byte[] message = "a record that arrives in two parts".getBytes(StandardCharsets.US_ASCII);
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()));
                Relay relay = new Relay(server.getLocalPort())) {
            Future<Long> served = streamingEcho(server);
            try (SSLSocket c = connect(Peer.XTLS.context(pki), relay.port())) {
                c.startHandshake();
                c.setSoTimeout(100);
                assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
                relay.holdNextServerChunk(600);
                c.getOutputStream().write(message);
                int timeouts = 0;
                byte[] got = null;
                while (got == null) {
                    try {
                        got = readExactly(c.getInputStream(), message.length);
                    } catch (SocketTimeoutException e) {
                        timeouts++;
                        assertTrue(timeouts < 50, "the held bytes never came");
                    }
                }
                assertTrue(timeouts > 0, "the read stopped in the middle of the record at least once");
                assertArrayEquals(message, got);
                assertFalse(c.isClosed());
                c.getOutputStream().write(1);
                assertEquals(1, c.getInputStream().read());
            }
            assertEquals(Long.valueOf(message.length + 1), await(served));
        }
    }

    @Test
    void aHandshakeReadThatTimesOutCanBeResumed() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()));
                Relay relay = new Relay(server.getLocalPort())) {
            Future<Long> served = streamingEcho(server);
            try (SSLSocket c = connect(Peer.XTLS.context(pki), relay.port())) {
                relay.holdNextServerChunk(600);
                c.setSoTimeout(100);
                assertThrows(SocketTimeoutException.class, c::startHandshake);
                assertFalse(c.isClosed(), "SO_TIMEOUT is not fatal");
                c.setSoTimeout(TIMEOUT_MS);
                c.startHandshake();
                assertTrue(c.getSession().isValid());
                c.getOutputStream().write(5);
                assertEquals(5, c.getInputStream().read());
            }
            assertEquals(Long.valueOf(1), await(served));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aReaderAndAWriterThreadRunAtOnce(Peer serverPeer) throws Exception {
        int size = 8 << 20; // far more than the socket buffers hold: the echo blocks unless we read while writing
        byte[] data = randomBytes(size, 3);
        try (SSLServerSocket server = listen(serverPeer.context(pki, pki.ecdsaP256()))) {
            Future<Long> served = streamingEcho(server);
            try (SSLSocket c = connect(Peer.XTLS.context(pki), server.getLocalPort())) {
                c.startHandshake();
                Future<Void> writer = loopback.background(() -> {
                    OutputStream out = c.getOutputStream();
                    for (int off = 0; off < size; off += 65536) {
                        out.write(data, off, 65536);
                    }
                    return null;
                });
                byte[] back = readExactly(c.getInputStream(), size);
                await(writer);
                assertArrayEquals(data, back);
            }
            assertEquals(Long.valueOf(size), await(served));
        }
    }

    @Test
    void anXtlsServerSocketEchoesToAFullDuplexSunJsseClient() throws Exception {
        int size = 8 << 20;
        byte[] data = randomBytes(size, 4);
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<Long> served = streamingEcho(server);
            try (SSLSocket c = connect(Peer.SUN.context(pki), server.getLocalPort())) {
                c.startHandshake();
                Future<Void> writer = loopback.background(() -> {
                    c.getOutputStream().write(data);
                    return null;
                });
                assertArrayEquals(data, readExactly(c.getInputStream(), size));
                await(writer);
            }
            assertEquals(Long.valueOf(size), await(served));
        }
    }

    @Test
    void closeFromAnotherThreadUnblocksABlockedReaderPromptly() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            CountDownLatch clientDone = new CountDownLatch(1);
            Future<Integer> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    // not reading until the client is done: no close_notify answer can wake the client's reader
                    clientDone.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    return s.getInputStream().read(); // the client's close_notify
                }
            });
            SSLSocket c = connect(Peer.XTLS.context(pki), server.getLocalPort());
            try {
                c.setSoTimeout(0);
                c.startHandshake();
                CountDownLatch reading = new CountDownLatch(1);
                Future<Exception> reader = loopback.background(() -> {
                    reading.countDown();
                    return assertThrows(IOException.class, () -> c.getInputStream().read());
                });
                assertTrue(reading.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
                Thread.sleep(200); // let it block in the read
                long start = System.nanoTime();
                c.close();
                Exception e = await(reader);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis < 2000, "reader woke after " + millis + " ms");
                assertTrue(e instanceof SocketException, String.valueOf(e));
                assertTrue(c.isClosed());
            } finally {
                c.close();
                clientDone.countDown();
            }
            assertEquals(Integer.valueOf(-1), await(served), "close() sent close_notify");
        }
    }

    @Test
    void availableCountsDecryptedBytesNotYetRead() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<Void> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.getOutputStream().write(new byte[100]);
                    assertEquals(-1, s.getInputStream().read());
                }
                return null;
            });
            try (SSLSocket c = connect(Peer.XTLS.context(pki), server.getLocalPort())) {
                InputStream in = c.getInputStream();
                assertEquals(0, in.available());
                assertEquals(0, in.read());
                assertEquals(99, in.available());
                assertEquals(99, in.readNBytes(99).length);
                assertEquals(0, in.available());
            }
            await(served);
        }
    }

    @Test
    void shutdownOutputSendsCloseNotifyThatThePeerReadsAsEndOfStream() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<String> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    String got = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    s.shutdownInput(); // succeeds only after the peer's close_notify
                    return got;
                }
            });
            try (SSLSocket c = connect(Peer.XTLS.context(pki), server.getLocalPort())) {
                c.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
                c.shutdownOutput();
                assertTrue(c.isOutputShutdown());
                assertFalse(c.isClosed());
                assertThrows(SocketException.class, () -> c.getOutputStream().write(1));
                assertEquals(-1, c.getInputStream().read(), "the server answers with its close_notify");
            }
            assertEquals("last words", await(served));
        }
    }

    @Test
    void shutdownInputBeforeThePeersCloseNotifyThrowsAndSendsCloseNotify() throws Exception {
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<Integer> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    return s.getInputStream().read();
                }
            });
            try (SSLSocket c = connect(Peer.XTLS.context(pki), server.getLocalPort())) {
                c.startHandshake();
                InputStream in = c.getInputStream();
                assertThrows(javax.net.ssl.SSLException.class, c::shutdownInput);
                assertTrue(c.isInputShutdown());
                assertEquals(-1, in.read());
                assertThrows(SocketException.class, c::getInputStream);
                assertFalse(c.isClosed());
            }
            assertEquals(Integer.valueOf(-1), await(served));
        }
    }

    @Test
    void theHandshakeTimeoutEndsAHandshakeWithASilentServer() throws Exception {
        try (ServerSocket silent = listenPlain()) {
            Future<Integer> held = loopback.background(() -> {
                try (Socket s = silent.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    return s.getInputStream().readAllBytes().length; // never answers; ends when the client gives up
                }
            });
            SSLSocket c = withHandshakeTimeout(300, () -> (SSLSocket) Peer.XTLS.context(pki).getSocketFactory()
                    .createSocket(Loopback.loopback(), silent.getLocalPort()));
            try (c) {
                asClient(c).setSoTimeout(0);
                long start = System.nanoTime();
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, c::startHandshake);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 250 && millis < 5000, "gave up after " + millis + " ms");
                assertTrue(e.getMessage().contains(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY), e.getMessage());
                assertTrue(c.isClosed(), "the handshake timeout is fatal");
            }
            assertTrue(await(held) > 0, "the ClientHello (and the give-up alerts) were sent");
        }
    }

    @Test
    void theHandshakeTimeoutEndsAHandshakeWithASilentClientOfAnXtlsServer() throws Exception {
        SSLServerSocket server = withHandshakeTimeout(300, () -> listen(Peer.XTLS.context(pki, pki.ecdsaP256())));
        try (server; Socket silent = new Socket(Loopback.loopback(), server.getLocalPort())) {
            try (SSLSocket accepted = withHandshakeTimeout(300, () -> (SSLSocket) server.accept())) {
                long start = System.nanoTime();
                assertThrows(SocketTimeoutException.class, accepted::startHandshake);
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
                assertTrue(accepted.isClosed());
            }
            silent.setSoTimeout(TIMEOUT_MS);
            silent.getInputStream().readAllBytes(); // the server gave up: user_canceled, close_notify, end of stream
        }
    }

    @Test
    void aZeroHandshakeTimeoutMeansNoneAndAnSoTimeoutTakesItsPlace() throws Exception {
        try (ServerSocket silent = listenPlain()) {
            Future<Integer> held = loopback.background(() -> {
                try (Socket s = silent.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    return s.getInputStream().readAllBytes().length;
                }
            });
            SSLSocket c = withHandshakeTimeout(0, () -> (SSLSocket) Peer.XTLS.context(pki).getSocketFactory()
                    .createSocket(Loopback.loopback(), silent.getLocalPort()));
            try (c) {
                c.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, c::startHandshake);
                assertFalse(c.isClosed(), "an SO_TIMEOUT leaves the socket open");
            }
            await(held);
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T withHandshakeTimeout(long millis, IoSupplier<T> make) throws IOException {
        String saved = System.getProperty(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY);
        System.setProperty(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY, Long.toString(millis));
        try {
            return make.get();
        } finally {
            if (saved == null) {
                System.clearProperty(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY);
            } else {
                System.setProperty(XtlsSocket.HANDSHAKE_TIMEOUT_PROPERTY, saved);
            }
        }
    }
}
