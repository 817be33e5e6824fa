package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.HOST;
import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.asClient;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.listen;
import static dev.xtls.jsse.socket.Loopback.listenPlain;
import static dev.xtls.jsse.socket.Loopback.readExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sockets layered over plain ones, sockets connected later, and the peer host each of them gives the engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LayeredAndUnconnectedSocketTest {
    private static final String ECDSA_256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";

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

    private static SSLSocketFactory xtls() {
        return Peer.XTLS.context(pki).getSocketFactory();
    }

    /** A SunJSSE server for one connection: echoes one byte and reports the server names the client sent. */
    private Future<List<SNIServerName>> sniReporter(SSLServerSocket server) {
        return loopback.background(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                s.getOutputStream().write(s.getInputStream().read());
                return ((ExtendedSSLSession) s.getSession()).getRequestedServerNames();
            }
        });
    }

    private static void pingAndClose(SSLSocket c) throws IOException {
        try (c) {
            c.setSoTimeout(TIMEOUT_MS);
            c.getOutputStream().write(3);
            assertEquals(3, c.getInputStream().read());
        }
    }

    private static void checkHostName(SSLSocket c) {
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
    }

    @Test
    void theHostNameGivenIsSentAsSniAndCheckedNotTheAddressItResolvedTo() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<List<SNIServerName>> names = sniReporter(server);
            SSLSocket c = (SSLSocket) xtls().createSocket(HOST, server.getLocalPort());
            checkHostName(c);
            pingAndClose(c);
            assertEquals(List.of(new SNIHostName(HOST)), await(names));
            assertEquals(HOST, c.getSession().getPeerHost());
        }
    }

    @Test
    void anInetAddressMadeFromANameKeepsThatNameWithoutReverseLookup() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<List<SNIServerName>> names = sniReporter(server);
            InetAddress named = InetAddress.getByAddress(HOST, Loopback.loopback().getAddress());
            SSLSocket c = (SSLSocket) xtls().createSocket(named, server.getLocalPort());
            checkHostName(c);
            pingAndClose(c);
            assertEquals(List.of(new SNIHostName(HOST)), await(names));
        }
    }

    @Test
    void anAddressLiteralSendsNoSniAndIsCheckedAsAnAddress() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<List<SNIServerName>> names = sniReporter(server);
            InetAddress literal = InetAddress.getByAddress(Loopback.loopback().getAddress());
            SSLSocket c = (SSLSocket) xtls().createSocket(literal, server.getLocalPort());
            checkHostName(c); // the leaf carries iPAddress 127.0.0.1
            pingAndClose(c);
            assertEquals(List.of(), await(names));
            assertEquals(literal.getHostAddress(), c.getSession().getPeerHost());
        }
    }

    @Test
    void anUnconnectedSocketKeepsItsSettingsAndTakesThePeerHostFromConnect() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<List<SNIServerName>> names = sniReporter(server);
            SSLSocket c = (SSLSocket) xtls().createSocket();
            assertFalse(c.isConnected());
            assertTrue(c.getUseClientMode());
            assertThrows(SocketException.class, c::getInputStream);
            assertThrows(SocketException.class, c::startHandshake);
            assertEquals("SSL_NULL_WITH_NULL_NULL", c.getSession().getCipherSuite());
            c.setEnabledCipherSuites(new String[] {ECDSA_256});
            checkHostName(c);
            c.connect(new InetSocketAddress(HOST, server.getLocalPort()), TIMEOUT_MS);
            assertTrue(c.isConnected());
            assertEquals(server.getLocalPort(), c.getPort());
            pingAndClose(c);
            assertEquals(ECDSA_256, c.getSession().getCipherSuite());
            assertEquals("HTTPS", c.getSSLParameters().getEndpointIdentificationAlgorithm());
            assertEquals(List.of(new SNIHostName(HOST)), await(names));
        }
    }

    @Test
    void anEmptyServerNameListSetBeforeConnectStillSendsNoSni() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<List<SNIServerName>> names = sniReporter(server);
            SSLSocket c = (SSLSocket) xtls().createSocket();
            SSLParameters p = c.getSSLParameters();
            p.setServerNames(List.of());
            c.setSSLParameters(p);
            c.connect(new InetSocketAddress(HOST, server.getLocalPort()), TIMEOUT_MS);
            pingAndClose(c);
            assertEquals(List.of(), await(names));
        }
    }

    @Test
    void aLayeredSocketWithAutoCloseClosesThePlainSocketUnderIt() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            Future<List<SNIServerName>> names = sniReporter(server);
            Socket raw = new Socket(Loopback.loopback(), server.getLocalPort());
            try (raw) {
                SSLSocket c = (SSLSocket) xtls().createSocket(raw, HOST, server.getLocalPort(), true);
                checkHostName(c);
                assertEquals(raw.getLocalPort(), c.getLocalPort());
                c.setSoTimeout(1234);
                assertEquals(1234, raw.getSoTimeout());
                pingAndClose(c);
                assertTrue(raw.isClosed());
            }
            assertEquals(List.of(new SNIHostName(HOST)), await(names));
        }
    }

    @Test
    void aLayeredSocketWithoutAutoCloseLeavesThePlainSocketReadyForPlaintext() throws Exception {
        SSLContext sun = Peer.SUN.context(pki, pki.ecdsaP256());
        CountDownLatch plainSent = new CountDownLatch(1);
        try (ServerSocket plain = listenPlain()) {
            Future<String> served = loopback.background(() -> {
                try (Socket s = plain.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    SSLSocket tls = (SSLSocket) sun.getSocketFactory().createSocket(s, null, false);
                    tls.setSoTimeout(TIMEOUT_MS);
                    String got = new String(tls.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    tls.close(); // answers the close_notify; s stays open
                    s.getOutputStream().write("PLAIN".getBytes(StandardCharsets.US_ASCII));
                    plainSent.countDown();
                    return got + new String(readExactly(s.getInputStream(), 3), StandardCharsets.US_ASCII);
                }
            });
            try (Socket raw = new Socket(Loopback.loopback(), plain.getLocalPort())) {
                raw.setSoTimeout(TIMEOUT_MS);
                SSLSocket c = asClient((SSLSocket) xtls().createSocket(raw, HOST, plain.getLocalPort(), false));
                c.getOutputStream().write("tls".getBytes(StandardCharsets.US_ASCII));
                c.shutdownOutput();
                // its close_notify and the plaintext after it are both waiting: TLS must take only the record
                assertTrue(plainSent.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
                Thread.sleep(50);
                assertEquals(-1, c.getInputStream().read(), "the server's close_notify");
                c.close();
                assertTrue(c.isClosed());
                assertFalse(raw.isClosed());
                assertEquals("PLAIN", new String(readExactly(raw.getInputStream(), 5), StandardCharsets.US_ASCII));
                raw.getOutputStream().write("raw".getBytes(StandardCharsets.US_ASCII));
            }
            assertEquals("tlsraw", await(served));
        }
    }

    @Test
    void aServerSocketLayeredOverConsumedBytesProcessesThemFirst() throws Exception {
        SSLContext xtlsServer = Peer.XTLS.context(pki, pki.ecdsaP256());
        try (ServerSocket plain = listenPlain()) {
            Future<String> served = loopback.background(() -> {
                try (Socket s = plain.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    byte[] sniffed = readExactly(s.getInputStream(), 3); // a protocol sniffer: 0x16 0x03 0x0N is TLS
                    assertEquals(0x16, sniffed[0]);
                    SSLSocket tls = (SSLSocket) xtlsServer.getSocketFactory()
                            .createSocket(s, new ByteArrayInputStream(sniffed), true);
                    try (tls) {
                        assertFalse(tls.getUseClientMode());
                        String line = new String(readExactly(tls.getInputStream(), 5), StandardCharsets.US_ASCII);
                        tls.getOutputStream().write(line.toUpperCase().getBytes(StandardCharsets.US_ASCII));
                        return line;
                    }
                }
            });
            try (SSLSocket c = asClient((SSLSocket) Peer.SUN.context(pki).getSocketFactory()
                    .createSocket(HOST, plain.getLocalPort()))) {
                c.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("HELLO", new String(readExactly(c.getInputStream(), 5), StandardCharsets.US_ASCII));
            }
            assertEquals("hello", await(served));
        }
    }

    @Test
    void layeringNeedsAConnectedSocket() throws Exception {
        try (Socket unconnected = new Socket()) {
            assertThrows(SocketException.class, () -> xtls().createSocket(unconnected, HOST, 443, true));
            InputStream none = null;
            assertThrows(SocketException.class, () -> xtls().createSocket(unconnected, none, true));
        }
    }
}
