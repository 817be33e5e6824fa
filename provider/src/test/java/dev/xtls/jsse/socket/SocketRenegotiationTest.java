package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.clientOf;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static dev.xtls.jsse.socket.Loopback.randomBytes;
import static dev.xtls.jsse.socket.Loopback.readExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Renegotiation (RFC 5746) over Xtls sockets: startHandshake() on an established socket runs a new handshake
 * to its end, the listeners hear of it again, and application data keeps flowing on other threads meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketRenegotiationTest {
    private static final int MIB = 1 << 20;
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

    /** The step-up recipe: read the request, ask for a certificate, startHandshake(), read the client's chain. */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void anXtlsServerStepsUpToClientAuthenticationMidConnection(Peer clientPeer) throws Exception {
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
            Future<Certificate[]> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.addHandshakeCompletedListener(events::add);
                    assertEquals("GET /private\n", new String(readExactly(s.getInputStream(), 13)));
                    assertThrows(SSLPeerUnverifiedException.class, () -> s.getSession().getPeerCertificates());
                    s.setNeedClientAuth(true);
                    s.startHandshake(); // returns when the renegotiation is done
                    Certificate[] chain = s.getSession().getPeerCertificates();
                    s.getOutputStream().write("200\n".getBytes());
                    assertEquals(-1, s.getInputStream().read());
                    return chain;
                }
            });
            try (SSLSocket c = connect(clientPeer.context(pki, pki.rsa2048()), server.getLocalPort())) {
                c.getOutputStream().write("GET /private\n".getBytes());
                assertEquals("200\n", new String(readExactly(c.getInputStream(), 4))); // answers the HelloRequest
            }
            assertArrayEquals(pki.rsa2048().chain(), await(served));
            assertEquals(2, events.size(), "the listener heard of both handshakes");
            assertArrayEquals(pki.rsa2048().chain(), events.get(1).getPeerCertificates());
        }
    }

    /** The client's application only reads: its socket answers the HelloRequest within read(). */
    @Test
    void anXtlsClientSocketAnswersASunJsseServersStepUpWithinRead() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<Certificate[]> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    s.setNeedClientAuth(true);
                    s.startHandshake(); // SunJSSE sends HelloRequest and returns; reads run the handshake
                    // each side's reads move the renegotiation on; the bytes mark how far the other side got
                    for (int b = 1; b <= 5; b += 2) {
                        s.getOutputStream().write(b);
                        if (b < 5) {
                            assertEquals(b + 1, s.getInputStream().read());
                        }
                    }
                    return s.getSession().getPeerCertificates();
                }
            });
            try (SSLSocket c = connect(Peer.XTLS.context(pki, pki.rsa2048()), server.getLocalPort())) {
                List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
                c.addHandshakeCompletedListener(events::add);
                for (int b = 1; b <= 5; b += 2) {
                    assertEquals(b, c.getInputStream().read());
                    if (b < 5) {
                        c.getOutputStream().write(b + 1);
                    }
                }
                assertArrayEquals(pki.rsa2048().chain(), await(served));
                assertArrayEquals(pki.rsa2048().chain(), c.getSession().getLocalCertificates());
                assertEquals(2, events.size(), "the listener heard of both handshakes");
                assertSame(c.getSession(), events.get(1).getSession());
            }
        }
    }

    /** SO_TIMEOUT interrupts a renegotiation as it interrupts a read: the next startHandshake() goes on with it. */
    @Test
    void theSocketTimeoutInterruptsARenegotiationWithoutClosingTheSocket() throws Exception {
        java.util.concurrent.CountDownLatch clientMayRead = new java.util.concurrent.CountDownLatch(1);
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<Integer> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    s.setSoTimeout(200);
                    s.setNeedClientAuth(true);
                    assertThrows(java.net.SocketTimeoutException.class, s::startHandshake); // the client is not reading
                    clientMayRead.countDown();
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    s.getOutputStream().write(42);
                    return s.getSession().getPeerCertificates().length;
                }
            });
            try (SSLSocket c = connect(Peer.XTLS.context(pki, pki.rsa2048()), server.getLocalPort())) {
                c.startHandshake();
                assertTrue(clientMayRead.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
                assertEquals(42, c.getInputStream().read());
            }
            assertEquals(1, await(served));
        }
    }

    /** A MiB each way, on a reader and a writer thread per side, while the server renegotiates. */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aMibCrossesEachWayWhileTheXtlsServerRenegotiates(Peer clientPeer) throws Exception {
        byte[] up = randomBytes(MIB, 11);
        byte[] down = randomBytes(MIB, 12);
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<byte[]> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    Future<Void> writing = loopback.background(() -> {
                        s.getOutputStream().write(down);
                        return null;
                    });
                    Future<byte[]> reading = loopback.background(() -> readExactly(s.getInputStream(), MIB));
                    List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
                    s.addHandshakeCompletedListener(events::add);
                    s.startHandshake(); // the renegotiation, while both directions carry data
                    assertEquals(1, events.size(), "the renegotiation completed");
                    await(writing);
                    byte[] got = await(reading);
                    s.getOutputStream().write(7);
                    assertEquals(8, s.getInputStream().read());
                    return got;
                }
            });
            clientOf(served, () -> {
                try (SSLSocket c = connect(clientPeer.context(pki), server.getLocalPort())) {
                    Future<Void> writing = loopback.background(() -> {
                        c.getOutputStream().write(up);
                        return null;
                    });
                    assertArrayEquals(down, readExactly(c.getInputStream(), MIB));
                    await(writing);
                    assertEquals(7, c.getInputStream().read());
                    c.getOutputStream().write(8);
                }
            });
            assertArrayEquals(up, await(served));
        }
    }

    /**
     * The client answers the HelloRequest only after it has written 8 MiB; the server's reader takes them all, 512
     * bytes per read(), while startHandshake() waits for that answer: what the reader will take is not buffered.
     */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aReaderKeepsUpWithDataSentAheadOfTheAnswerToTheHelloRequest(Peer clientPeer) throws Exception {
        byte[] up = randomBytes(8 * MIB, 13);
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<byte[]> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    Future<byte[]> reading = loopback.background(() -> readInSmallReads(s.getInputStream(), 8 * MIB));
                    s.startHandshake(); // done once the client reads, after its 8 MiB
                    byte[] got = await(reading);
                    s.getOutputStream().write(7);
                    return got;
                }
            });
            clientOf(served, () -> {
                try (SSLSocket c = connect(clientPeer.context(pki), server.getLocalPort())) {
                    c.getOutputStream().write(up);
                    assertEquals(7, c.getInputStream().read()); // answers the HelloRequest first
                }
            });
            assertArrayEquals(up, await(served));
        }
    }

    /** {@code n} bytes read 512 per read() call, as an application with a small buffer reads. */
    private static byte[] readInSmallReads(java.io.InputStream in, int n) throws java.io.IOException {
        byte[] got = new byte[n];
        for (int off = 0, k; off < n; off += k) {
            k = in.read(got, off, Math.min(512, n - off));
            if (k < 0) {
                throw new java.io.IOException("stream ended after " + off + " of " + n + " bytes");
            }
        }
        return got;
    }
}
