package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.HOST;
import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.asClient;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an Xtls server socket hands to the sockets it accepts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XtlsServerSocketTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
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

    private static SSLContext xtlsServer() {
        return Peer.XTLS.context(pki, pki.ecdsaP256());
    }

    /** Accepts one connection and returns it after a one-byte echo; the caller closes it. */
    private Future<SSLSocket> acceptAndEcho(SSLServerSocket server) {
        return loopback.background(() -> {
            SSLSocket s = (SSLSocket) server.accept();
            try {
                s.setSoTimeout(TIMEOUT_MS);
                s.getOutputStream().write(s.getInputStream().read());
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        });
    }

    @Test
    void acceptedSocketsInheritEnabledSuitesAndRequiredClientAuthentication() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            server.setEnabledCipherSuites(new String[] {ECDSA_256, ECDSA_128});
            server.setNeedClientAuth(true);
            Future<SSLSocket> accepted = acceptAndEcho(server);
            try (SSLSocket c = connect(Peer.SUN.context(pki, pki.rsa2048()), server.getLocalPort())) {
                c.getOutputStream().write(1);
                assertEquals(1, c.getInputStream().read());
                assertEquals(ECDSA_256, c.getSession().getCipherSuite());
            }
            try (SSLSocket s = await(accepted)) {
                assertInstanceOf(XtlsSocket.class, s);
                assertFalse(s.getUseClientMode());
                assertTrue(s.getNeedClientAuth());
                assertArrayEquals(new String[] {ECDSA_256, ECDSA_128}, s.getEnabledCipherSuites());
                assertEquals(pki.rsa2048().leaf(), s.getSession().getPeerCertificates()[0]);
            }
        }
    }

    @Test
    void aClientWithoutACertificateIsTurnedAwayWhenTheServerSocketNeedsOne() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            server.setNeedClientAuth(true);
            Future<Exception> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    return assertThrows(IOException.class, s::startHandshake);
                }
            });
            try (SSLSocket c = connect(Peer.SUN.context(pki), server.getLocalPort())) {
                assertThrows(IOException.class, () -> {
                    c.getOutputStream().write(1);
                    c.getInputStream().read();
                });
            }
            assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, await(served));
        }
    }

    @Test
    void acceptedSocketsInheritTheServerSocketsSslParameters() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            SSLParameters p = server.getSSLParameters();
            p.setWantClientAuth(true);
            p.setCipherSuites(new String[] {ECDSA_128});
            p.setUseCipherSuitesOrder(false);
            server.setSSLParameters(p);
            server.setEnableSessionCreation(true);
            assertTrue(server.getWantClientAuth());
            assertFalse(server.getNeedClientAuth());
            assertFalse(server.getSSLParameters().getUseCipherSuitesOrder());
            Future<SSLSocket> accepted = acceptAndEcho(server);
            try (SSLSocket c = connect(Peer.SUN.context(pki), server.getLocalPort())) {
                c.getOutputStream().write(1);
                assertEquals(1, c.getInputStream().read());
            }
            try (SSLSocket s = await(accepted)) {
                assertTrue(s.getWantClientAuth());
                assertFalse(s.getSSLParameters().getUseCipherSuitesOrder());
                assertArrayEquals(new String[] {ECDSA_128}, s.getEnabledCipherSuites());
                assertEquals(ECDSA_128, s.getSession().getCipherSuite());
                assertThrows(SSLPeerUnverifiedException.class, () -> s.getSession().getPeerCertificates());
            }
        }
    }

    @Test
    void aServerSocketInClientModeAcceptsSocketsThatActAsTlsClients() throws Exception {
        SSLContext sunServer = Peer.SUN.context(pki, pki.ecdsaP256());
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki))) {
            server.setUseClientMode(true);
            assertTrue(server.getUseClientMode());
            Future<SSLSocket> accepted = loopback.background(() -> {
                SSLSocket s = asClient((SSLSocket) server.accept());
                assertTrue(s.getUseClientMode());
                s.getOutputStream().write(8);
                assertEquals(9, s.getInputStream().read());
                return s;
            });
            try (Socket raw = new Socket(Loopback.loopback(), server.getLocalPort());
                    SSLSocket tlsServer = (SSLSocket) sunServer.getSocketFactory().createSocket(raw, null, true)) {
                tlsServer.setSoTimeout(TIMEOUT_MS);
                assertEquals(8, tlsServer.getInputStream().read());
                tlsServer.getOutputStream().write(9);
                try (SSLSocket s = await(accepted)) {
                    assertEquals(pki.ecdsaP256().leaf(), s.getSession().getPeerCertificates()[0]);
                }
            }
        }
    }

    @Test
    void settersAndGettersGoToTheServerSocketsSettings() throws Exception {
        SSLServerSocketFactory f = xtlsServer().getServerSocketFactory();
        try (SSLServerSocket s = (SSLServerSocket) f.createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertTrue(s.isBound());
            assertFalse(s.getUseClientMode());
            assertArrayEquals(f.getDefaultCipherSuites(), s.getEnabledCipherSuites());
            assertArrayEquals(f.getSupportedCipherSuites(), s.getSupportedCipherSuites());
            assertArrayEquals(new String[] {"TLSv1.2"}, s.getEnabledProtocols());
            assertTrue(s.getSupportedProtocols().length >= 1);
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setWantClientAuth(true);
            assertTrue(s.getWantClientAuth());
            s.setNeedClientAuth(true);
            assertTrue(s.getNeedClientAuth());
            assertFalse(s.getWantClientAuth());
            s.setEnableSessionCreation(false);
            assertFalse(s.getEnableSessionCreation());
            assertThrows(IllegalArgumentException.class, () -> s.setEnabledCipherSuites(new String[] {"TLS_FOO"}));
            assertTrue(s.toString().startsWith("XtlsServerSocket["), s.toString());
        }
        try (SSLServerSocket unbound = (SSLServerSocket) f.createServerSocket()) {
            assertFalse(unbound.isBound());
        }
    }

    @Test
    void theSocketsOfAConnectionAgreeOnAddressesAndPorts() throws Exception {
        try (SSLServerSocket server = listen(xtlsServer())) {
            Future<SSLSocket> accepted = acceptAndEcho(server);
            try (SSLSocket c = connect(Peer.XTLS.context(pki), server.getLocalPort())) {
                c.getOutputStream().write(4);
                assertEquals(4, c.getInputStream().read());
                try (SSLSocket s = await(accepted)) {
                    assertEquals(c.getLocalPort(), s.getPort());
                    assertEquals(c.getPort(), s.getLocalPort());
                    assertEquals(c.getLocalSocketAddress(), s.getRemoteSocketAddress());
                    assertEquals(s.getInetAddress().getHostAddress(), s.getSession().getPeerHost());
                    assertEquals(HOST, c.getSession().getPeerHost());
                    assertTrue(s.isConnected() && s.isBound());
                    assertThrows(java.net.SocketException.class, () -> s.sendUrgentData(1));
                    s.setTcpNoDelay(true);
                    assertTrue(s.getTcpNoDelay());
                    s.setKeepAlive(true);
                    assertTrue(s.getKeepAlive());
                }
            }
        }
    }
}
