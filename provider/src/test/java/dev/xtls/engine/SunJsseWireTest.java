package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.wire.CipherSuite;
import dev.xtls.x509.CertifiedKey;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bare TlsConnection against a SunJSSE SSLEngine: proves the wire format without the JSSE adapter. */
class SunJsseWireTest {
    @ParameterizedTest
    @CsvSource({"EC,SHA256withECDSA,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "EC,SHA256withECDSA,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "RSA,SHA256withRSA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "RSA,SHA256withRSA,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "EC,SHA256withECDSA,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "RSA,SHA256withRSA,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "RSA,SHA256withRSA,TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "RSA,SHA256withRSA,TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "RSA,SHA256withRSA,TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "RSA,SHA256withRSA,TLS_RSA_WITH_AES_128_GCM_SHA256",
            "RSA,SHA256withRSA,TLS_RSA_WITH_AES_256_GCM_SHA384"})
    void xtlsClientCompletesHandshakeWithSunJsseServer(String keyAlg, String sigAlg, String suiteName)
            throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned(keyAlg, sigAlg);
        CipherSuite suite = CipherSuite.byName(suiteName).orElseThrow();
        SSLEngine sun = sunEngine(key, false);
        TlsConnection xtls = new TlsConnection(ConnectionPair.config(true, List.of(suite), null));
        pump(xtls, sun);
        assertEquals(suiteName, sun.getSession().getCipherSuite());
        assertEquals(suite, xtls.session().cipherSuite());
    }

    @ParameterizedTest
    @CsvSource({"EC,SHA256withECDSA,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "RSA,SHA256withRSA,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "EC,SHA256withECDSA,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "RSA,SHA256withRSA,TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "RSA,SHA256withRSA,TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "RSA,SHA256withRSA,TLS_RSA_WITH_AES_256_GCM_SHA384"})
    void sunJsseClientCompletesHandshakeWithXtlsServer(String keyAlg, String sigAlg, String suiteName)
            throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned(keyAlg, sigAlg);
        CipherSuite suite = CipherSuite.byName(suiteName).orElseThrow();
        SSLEngine sun = sunEngine(key, true);
        TlsConnection xtls = new TlsConnection(ConnectionPair.config(false, List.of(suite), key));
        pump(xtls, sun);
        assertEquals(suiteName, sun.getSession().getCipherSuite());
    }

    static SSLEngine sunEngine(CertifiedKey key, boolean client) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", key.privateKey(), "pw".toCharArray(), key.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "pw".toCharArray());
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", key.leaf());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLEngine e = ctx.createSSLEngine("localhost", 443);
        e.setUseClientMode(client);
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        e.setEnabledCipherSuites(e.getSupportedCipherSuites());
        return e;
    }

    static void pump(TlsConnection xtls, SSLEngine sun) throws Exception {
        ByteBuffer toSun = ByteBuffer.allocate(1 << 17);
        ByteBuffer toXtls = ByteBuffer.allocate(1 << 17);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        ByteBuffer[] none = {ByteBuffer.allocate(0)};
        xtls.beginHandshake();
        sun.beginHandshake();
        byte[] msg = "ping from xtls".getBytes();
        ByteBuffer msgBuf = ByteBuffer.wrap(msg);
        for (int i = 0; i < 200; i++) {
            xtls.wrap(xtls.session() != null ? new ByteBuffer[] {msgBuf} : none, 0, 1, toSun);
            toXtls.flip();
            while (toXtls.hasRemaining()) {
                Outcome o = xtls.unwrap(toXtls, new ByteBuffer[] {app}, 0, 1);
                if (o.status() != Status.OK) {
                    break;
                }
            }
            toXtls.compact();
            SSLEngineResult r;
            do {
                r = sun.wrap(ByteBuffer.allocate(0), toXtls);
            } while (r.bytesProduced() > 0);
            toSun.flip();
            while (toSun.hasRemaining()) {
                r = sun.unwrap(toSun, app);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
                Runnable task;
                while ((task = sun.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            toSun.compact();
            if (app.position() == msg.length) {
                break;
            }
        }
        app.flip();
        byte[] got = new byte[app.remaining()];
        app.get(got);
        assertArrayEquals(msg, got);
    }
}
