package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static dev.xtls.jsse.socket.Loopback.randomBytes;
import static dev.xtls.jsse.socket.Loopback.readExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Xtls sockets against SunJSSE, BCJSSE and themselves over loopback: handshakes, data, close_notify. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XtlsSocketExchangeTest {
    private static final int MIB = 1 << 20;
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

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

    private static SSLContext xtlsClient() {
        return Peer.XTLS.context(pki);
    }

    private static SSLContext xtlsServer() {
        return Peer.XTLS.context(pki, pki.ecdsaP256());
    }

    /**
     * Serves one connection: reads {@code n} bytes, sends them back, then expects the client's close_notify (-1)
     * and proves it was one: shutdownInput() only succeeds after the peer's close_notify.
     */
    private Future<byte[]> echoOnce(SSLServerSocket server, int n) {
        return echoOnce(server, n, true);
    }

    /** BCJSSE's sockets refuse shutdownInput(): {@code probe} false leaves the proof out. */
    private Future<byte[]> echoOnce(SSLServerSocket server, int n, boolean probe) {
        return loopback.background(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                byte[] got = readExactly(s.getInputStream(), n);
                s.getOutputStream().write(got);
                s.getOutputStream().flush();
                assertEquals(-1, s.getInputStream().read(), "client's close_notify ends the stream");
                if (probe) {
                    s.shutdownInput();
                }
                return got;
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void xtlsClientSocketSendsAMebibyteEachWayAndClosesWithCloseNotify(Peer serverPeer) throws Exception {
        byte[] data = randomBytes(MIB, 1);
        try (SSLServerSocket server = listen(serverPeer.context(pki, pki.ecdsaP256()))) {
            Future<byte[]> served = echoOnce(server, MIB, serverPeer != Peer.BC);
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                assertInstanceOf(XtlsSocket.class, c);
                c.getOutputStream().write(data);
                assertArrayEquals(data, readExactly(c.getInputStream(), MIB));
                c.shutdownOutput();
                assertEquals(-1, c.getInputStream().read(), "server's close_notify ends the stream");
                c.shutdownInput(); // throws unless the server's close_notify arrived
            }
            assertArrayEquals(data, await(served));
        }
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void clientSocketsOfEveryPeerSendAMebibyteEachWayThroughAnXtlsServerSocket(Peer clientPeer) throws Exception {
        byte[] data = randomBytes(MIB, 2);
        try (SSLServerSocket server = listen(xtlsServer())) {
            assertInstanceOf(XtlsServerSocket.class, server);
            Future<byte[]> served = echoOnce(server, MIB);
            try (SSLSocket c = connect(clientPeer.context(pki), server.getLocalPort())) {
                c.getOutputStream().write(data);
                assertArrayEquals(data, readExactly(c.getInputStream(), MIB));
                if (clientPeer != Peer.BC) { // BCJSSE refuses shutdownOutput(); its close() sends close_notify
                    c.shutdownOutput();
                    assertEquals(-1, c.getInputStream().read());
                }
            }
            assertArrayEquals(data, await(served));
        }
    }

    @Test
    void explicitHandshakeEstablishesTheSessionBeforeAnyData() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<String> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    return s.getSession().getCipherSuite();
                }
            });
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                c.setEnabledCipherSuites(new String[] {SUITE});
                c.startHandshake();
                SSLSession session = c.getSession();
                assertTrue(session.isValid());
                assertEquals(SUITE, session.getCipherSuite());
                assertEquals("TLSv1.2", session.getProtocol());
                assertEquals(pki.ecdsaP256().leaf(), session.getPeerCertificates()[0]);
                assertEquals(Loopback.HOST, session.getPeerHost());
            }
            assertEquals(SUITE, await(served));
        }
    }

    @Test
    void firstWriteAndFirstReadStartTheHandshakeImplicitly() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            Future<byte[]> served = echoOnce(server, 5);
            try (SSLSocket c = connect(Peer.SUN.context(pki), server.getLocalPort())) {
                c.getOutputStream().write("hello".getBytes());
                assertEquals("hello", new String(readExactly(c.getInputStream(), 5)));
            }
            assertEquals("hello", new String(await(served)));
        }
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<Void> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.getOutputStream().write(42); // the server's write starts its side of the handshake
                    s.setSoTimeout(TIMEOUT_MS);
                    assertEquals(-1, s.getInputStream().read());
                }
                return null;
            });
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                assertEquals(42, c.getInputStream().read()); // the Xtls client's first call is a read
            }
            await(served);
        }
    }

    @Test
    void getSessionRunsTheHandshake() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            Future<byte[]> served = echoOnce(server, 1);
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                assertTrue(c.getSession().isValid());
                assertEquals("TLSv1.2", c.getSession().getProtocol());
                assertSame(c.getSession(), c.getSession());
                c.getOutputStream().write(7);
                assertEquals(7, c.getInputStream().read());
            }
            await(served);
        }
    }

    @Test
    void handshakeCompletedListenerIsCalledOnceOnTheHandshakingThreadWithTheSession() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            List<HandshakeCompletedEvent> serverEvents = new CopyOnWriteArrayList<>();
            Future<byte[]> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.addHandshakeCompletedListener(serverEvents::add);
                    s.setSoTimeout(TIMEOUT_MS);
                    byte[] b = readExactly(s.getInputStream(), 2);
                    s.getOutputStream().write(b);
                    return b;
                }
            });
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
                List<Thread> threads = new CopyOnWriteArrayList<>();
                c.addHandshakeCompletedListener(e -> {
                    events.add(e);
                    threads.add(Thread.currentThread());
                });
                c.addHandshakeCompletedListener(e -> {
                    throw new IllegalStateException("a listener's failure does not reach the socket");
                });
                c.startHandshake();
                c.getOutputStream().write(new byte[] {1, 2});
                readExactly(c.getInputStream(), 2);
                c.getSession();
                assertEquals(1, events.size());
                assertSame(c, events.get(0).getSocket());
                assertSame(c.getSession(), events.get(0).getSession());
                assertEquals(c.getSession().getCipherSuite(), events.get(0).getCipherSuite());
                assertEquals(List.of(Thread.currentThread()), threads);
            }
            await(served);
            assertEquals(1, serverEvents.size());
            assertTrue(serverEvents.get(0).getSession().isValid());
        }
    }

    @Test
    void removingAnUnknownHandshakeListenerIsRefused() throws Exception {
        try (SSLSocket s = (SSLSocket) xtlsClient().getSocketFactory().createSocket()) {
            assertThrows(IllegalArgumentException.class, () -> s.removeHandshakeCompletedListener(e -> { }));
            assertThrows(IllegalArgumentException.class, () -> s.addHandshakeCompletedListener(null));
        }
    }

    @Test
    void aFailedHandshakeLeavesTheNullSessionAndAClosedSocket() throws Exception {
        // an Xtls server sends its whole flight in one write, so the client's alert always finds it reading
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.untrusted()))) {
            Future<Exception> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    return assertThrows(SSLException.class, s::startHandshake);
                }
            });
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                SSLSession session = c.getSession();
                assertEquals("SSL_NULL_WITH_NULL_NULL", session.getCipherSuite());
                assertTrue(c.isClosed(), "a fatal error closes the socket");
                SSLException later = assertThrows(SSLException.class, () -> c.getOutputStream().write(1));
                assertInstanceOf(SSLHandshakeException.class, later.getCause());
            }
            assertTrue(String.valueOf(await(served).getMessage()).contains("unknown_ca"), "server got unknown_ca");
        }
    }

    @Test
    void theEnginesHandshakeExceptionReachesTheCallerUnchanged() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.expired()))) {
            Future<Void> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    assertThrows(IOException.class, s::startHandshake); // the alert, or a broken pipe before it
                }
                return null;
            });
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, c::startHandshake);
                assertTrue(e.getMessage().contains("(certificate_expired)"), e.getMessage());
                assertThrows(IOException.class, c::startHandshake);
            }
            await(served);
        }
    }

    @Test
    void streamsAreTheSameObjectsAndClosingOneClosesTheSocket() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            Future<byte[]> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.getOutputStream().write(9);
                    assertEquals(-1, s.getInputStream().read());
                    return new byte[0];
                }
            });
            try (SSLSocket c = connect(xtlsClient(), server.getLocalPort())) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                assertSame(in, c.getInputStream());
                assertSame(out, c.getOutputStream());
                assertEquals(9, in.read());
                out.close();
                assertTrue(c.isClosed());
                assertNotNull(assertThrows(IOException.class, c::getInputStream));
            }
            await(served);
        }
    }
}
