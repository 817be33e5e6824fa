package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.connect;
import static dev.xtls.jsse.socket.Loopback.listen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Key and trust managers see the socket, as they do with SunJSSE's sockets: a key manager written for sockets
 * only (its engine methods left to X509ExtendedKeyManager's null-returning defaults) works.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketManagerCallbacksTest {
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

    /** Socket methods only; records the sockets it was asked about. */
    private static final class SocketOnlyKeyManager extends X509ExtendedKeyManager {
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final X509ExtendedKeyManager pkix;

        SocketOnlyKeyManager(X509ExtendedKeyManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            sockets.add(socket);
            return pkix.chooseClientAlias(keyType, issuers, null);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            sockets.add(socket);
            return pkix.chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return pkix.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return pkix.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return pkix.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return pkix.getPrivateKey(alias);
        }
    }

    /** Records the socket overloads; fails on the engine ones. */
    private static final class SocketRecordingTrustManager extends X509ExtendedTrustManager {
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final List<String> handshakeSessionSuites = new CopyOnWriteArrayList<>();
        private final X509ExtendedTrustManager pkix;

        SocketRecordingTrustManager(X509ExtendedTrustManager pkix) {
            this.pkix = pkix;
        }

        private void record(Socket socket) {
            sockets.add(socket);
            handshakeSessionSuites.add(((SSLSocket) socket).getHandshakeSession().getCipherSuite());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            record(socket);
            pkix.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            record(socket);
            pkix.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the engine overload was called for a socket");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the engine overload was called for a socket");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the socket-less overload was called for a socket");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the socket-less overload was called for a socket");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    private static SSLContext xtls(KeyManager km, TrustManager tm) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", Peer.XTLS.provider());
        ctx.init(new KeyManager[] {km}, new TrustManager[] {tm}, new SecureRandom());
        return ctx;
    }

    @Test
    void aClientSocketsManagersAreCalledWithThatSocket() throws Exception {
        SocketOnlyKeyManager km = new SocketOnlyKeyManager(pki.keyManager(pki.ecdsaP384()));
        SocketRecordingTrustManager tm = new SocketRecordingTrustManager(pki.trustManager());
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            server.setNeedClientAuth(true);
            Future<X509Certificate> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.getOutputStream().write(s.getInputStream().read());
                    return (X509Certificate) s.getSession().getPeerCertificates()[0];
                }
            });
            try (SSLSocket c = connect(xtls(km, tm), server.getLocalPort())) {
                c.getOutputStream().write(1);
                assertEquals(1, c.getInputStream().read());
                assertEquals(List.of(c), km.sockets);
                assertEquals(List.of(c), tm.sockets);
                assertEquals(List.of(c.getSession().getCipherSuite()), tm.handshakeSessionSuites);
            }
            assertEquals(pki.ecdsaP384().leaf(), await(served));
        }
    }

    @Test
    void anAcceptedSocketsManagersAreCalledWithThatSocket() throws Exception {
        SocketOnlyKeyManager km = new SocketOnlyKeyManager(pki.keyManager(pki.ecdsaP256()));
        SocketRecordingTrustManager tm = new SocketRecordingTrustManager(pki.trustManager());
        try (SSLServerSocket server = listen(xtls(km, tm))) {
            server.setNeedClientAuth(true);
            Future<SSLSocket> accepted = loopback.background(() -> {
                SSLSocket s = (SSLSocket) server.accept();
                s.setSoTimeout(TIMEOUT_MS);
                s.getOutputStream().write(s.getInputStream().read());
                return s;
            });
            try (SSLSocket c = connect(Peer.SUN.context(pki, pki.rsa2048()), server.getLocalPort())) {
                c.getOutputStream().write(2);
                assertEquals(2, c.getInputStream().read());
                try (SSLSocket s = await(accepted)) {
                    assertSame(s, km.sockets.get(0));
                    assertEquals(List.of(s), tm.sockets);
                    assertNotNull(s.getSession().getPeerCertificates());
                }
            }
        }
    }

    @Test
    void theJdkKeyManagerGivesAnXtlsClientSocketItsCertificateForAServerThatNeedsOne() throws Exception {
        try (SSLServerSocket server = listen(Peer.SUN.context(pki, pki.ecdsaP256()))) {
            server.setNeedClientAuth(true);
            Future<X509Certificate> served = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.getOutputStream().write(s.getInputStream().read());
                    return (X509Certificate) s.getSession().getPeerCertificates()[0];
                }
            });
            try (SSLSocket c = connect(Peer.XTLS.context(pki, pki.rsa2048()), server.getLocalPort())) {
                c.getOutputStream().write(1);
                assertEquals(1, c.getInputStream().read());
            }
            assertEquals(pki.rsa2048().leaf(), await(served));
        }
    }
}
