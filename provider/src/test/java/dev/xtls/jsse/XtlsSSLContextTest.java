package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.XtlsProvider;
import dev.xtls.x509.PkixKeyManager;
import dev.xtls.x509.PkixTrustManager;
import dev.xtls.x509.ExtendedKeyManagerAdapter;
import dev.xtls.x509.TestCertificates;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XtlsSSLContextTest {
    private static final String PASSWORD = "changeit";
    private static TestCertificates.Issued ca;
    private static TestCertificates.Issued server;

    @TempDir
    static Path dir;
    private static Path keyStoreFile;
    private static Path trustStoreFile;

    @BeforeAll
    static void writeStores() throws Exception {
        ca = TestCertificates.ca("CN=Xtls Default CA");
        server = TestCertificates.leaf(ca, "CN=localhost", List.of("localhost"));
        keyStoreFile = dir.resolve("keys.p12");
        trustStoreFile = dir.resolve("trust.p12");
        store(TestCertificates.keyStore("server", PASSWORD.toCharArray(), server.privateKey(), server.certificate(),
                ca.certificate()), keyStoreFile);
        store(TestCertificates.trustStore(ca.certificate()), trustStoreFile);
    }

    private static void store(KeyStore ks, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
    }

    private static Map<String, String> storeProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("javax.net.ssl.keyStore", keyStoreFile.toString());
        p.put("javax.net.ssl.keyStorePassword", PASSWORD);
        p.put("javax.net.ssl.keyStoreType", "PKCS12");
        p.put("javax.net.ssl.trustStore", trustStoreFile.toString());
        p.put("javax.net.ssl.trustStorePassword", PASSWORD);
        p.put("javax.net.ssl.trustStoreType", "PKCS12");
        return p;
    }

    private static SSLContext uninitialised() {
        return TestContexts.sslContext(new XtlsSSLContext(TestContexts.NO_CRYPTO));
    }

    @Test
    void createsEnginesOnlyOnceInitialised() throws Exception {
        SSLContext c = uninitialised();
        assertThrows(IllegalStateException.class, c::createSSLEngine);
        c.init(null, new TrustManager[0], null);
        SSLEngine e = c.createSSLEngine("example.com", 443);
        assertInstanceOf(XtlsSSLEngine.class, e);
        assertEquals("example.com", e.getPeerHost());
        assertEquals(443, e.getPeerPort());
        assertNull(c.createSSLEngine().getPeerHost());
    }

    @Test
    void takesTheFirstX509KeyManagerAndWrapsAPlainOne() throws Exception {
        XtlsSSLContext spi = new XtlsSSLContext(TestContexts.NO_CRYPTO);
        KeyManager notX509 = new KeyManager() {
        };
        X509KeyManager plain = new PlainKeyManager();
        TestContexts.sslContext(spi).init(new KeyManager[] {notX509, plain, new PlainKeyManager()},
                new TrustManager[0], null);
        assertInstanceOf(ExtendedKeyManagerAdapter.class, spi.state().keyManager());
        assertEquals("plain", spi.state().keyManager().chooseEngineServerAlias("EC", null, null));
    }

    @Test
    void withoutKeyManagersTheContextHasNoCredentials() throws Exception {
        XtlsSSLContext spi = new XtlsSSLContext(TestContexts.NO_CRYPTO);
        TestContexts.sslContext(spi).init(null, new TrustManager[0], null);
        assertNull(spi.state().keyManager());
    }

    @Test
    void withoutTrustManagersTheDefaultTrustManagerFactorysAreUsed() throws Exception {
        XtlsSSLContext spi = new XtlsSSLContext(TestContexts.NO_CRYPTO);
        TestContexts.sslContext(spi).init(null, null, null);
        assertInstanceOf(PkixTrustManager.class, spi.state().trustManager(), "Xtls's own PKIX trust manager");
        assertTrue(spi.state().trustManager().getAcceptedIssuers().length > 0, "the JDK's cacerts");
    }

    @Test
    void trustManagersWithoutAnX509OneLeaveNoneAndAPlainOneIsWrapped() throws Exception {
        XtlsSSLContext spi = new XtlsSSLContext(TestContexts.NO_CRYPTO);
        TestContexts.sslContext(spi).init(null, new TrustManager[] {new TrustManager() {
        }}, null);
        assertNull(spi.state().trustManager());

        XtlsSSLContext other = new XtlsSSLContext(TestContexts.NO_CRYPTO);
        X509TrustManager plain = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[] {ca.certificate()};
            }
        };
        TestContexts.sslContext(other).init(null, new TrustManager[] {plain}, null);
        assertArrayEquals(new X509Certificate[] {ca.certificate()},
                other.state().trustManager().getAcceptedIssuers());
    }

    @Test
    void systemStoresReadTheKeyAndTrustStoresTheGivenPropertiesName() throws Exception {
        Map<String, String> p = storeProperties();
        // Xtls's own PKIX managers: keys decrypted once, not per handshake as the JDK's PKIX key manager does
        X509KeyManager km = assertInstanceOf(PkixKeyManager.class, SystemStores.keyManagers(p::get)[0]);
        assertEquals("server", km.chooseServerAlias("EC", null, null));
        X509TrustManager tm = assertInstanceOf(PkixTrustManager.class,
                SystemStores.trustManagers(p::get, "/nonexistent")[0]);
        assertArrayEquals(new X509Certificate[] {ca.certificate()}, tm.getAcceptedIssuers());
    }

    @Test
    void systemStoresWithoutPropertiesMeanNoKeysAndTheJdksCacerts() throws Exception {
        assertNull(SystemStores.keyManagers(Map.<String, String>of()::get));
        X509TrustManager tm = (X509TrustManager) SystemStores.trustManagers(Map.<String, String>of()::get,
                System.getProperty("java.home"))[0];
        assertTrue(tm.getAcceptedIssuers().length > 0);
    }

    @Test
    void defaultContextReadsJavaxNetSslPropertiesWhenCreatedAndRefusesInit() throws Exception {
        Map<String, String> saved = new HashMap<>();
        Map<String, String> props = storeProperties();
        props.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
        XtlsSSLContext spi;
        try {
            props.forEach(System::setProperty);
            spi = (XtlsSSLContext) new XtlsProvider().getService("SSLContext", "Default").newInstance(null);
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        assertEquals("server", spi.state().keyManager().chooseEngineServerAlias("EC", null, null));
        assertEquals(List.of(new X500Principal("CN=Xtls Default CA")),
                List.of(spi.state().trustManager().getAcceptedIssuers()[0].getSubjectX500Principal()));
        SSLContext c = TestContexts.sslContext(spi);
        KeyManagementException e = assertThrows(KeyManagementException.class, () -> c.init(null, null, null));
        assertEquals("Default SSLContext is initialized automatically", e.getMessage());
        assertNotNull(c.createSSLEngine());
    }

    @Test
    void aDefaultContextWhoseKeyStoreIsMissingCannotBeCreated() {
        String saved = System.getProperty("javax.net.ssl.keyStore");
        try {
            System.setProperty("javax.net.ssl.keyStore", dir.resolve("missing.p12").toString());
            assertThrows(NoSuchAlgorithmException.class, () -> SSLContext.getInstance("Default", new XtlsProvider()));
        } finally {
            if (saved == null) {
                System.clearProperty("javax.net.ssl.keyStore");
            } else {
                System.setProperty("javax.net.ssl.keyStore", saved);
            }
        }
    }

    @Test
    void socketFactoriesNeedAnInitialisedContextAndListItsSuites() throws Exception {
        SSLContext c = uninitialised();
        assertThrows(IllegalStateException.class, c::getSocketFactory);
        assertThrows(IllegalStateException.class, c::getServerSocketFactory);
        c.init(null, new TrustManager[0], null);
        assertArrayEquals(c.getSupportedSSLParameters().getCipherSuites(),
                c.getSocketFactory().getSupportedCipherSuites());
        assertArrayEquals(c.getDefaultSSLParameters().getCipherSuites(),
                c.getServerSocketFactory().getDefaultCipherSuites());
        assertTrue(c.getSocketFactory().getDefaultCipherSuites().length > 0);
    }

    @Test
    void defaultParametersListTls12AndSupportedOnesTls13AndEveryImplementedSuite() {
        SSLContext c = uninitialised();
        SSLParameters def = c.getDefaultSSLParameters();
        assertArrayEquals(new String[] {"TLSv1.2"}, def.getProtocols());
        assertEquals(ProtocolDefaults.DEFAULT_CIPHER_SUITES.stream().map(s -> s.name()).toList(),
                List.of(def.getCipherSuites()));
        assertEquals("TLS_AES_256_GCM_SHA384", def.getCipherSuites()[0]);
        SSLParameters supported = c.getSupportedSSLParameters();
        assertEquals(ProtocolDefaults.IMPLEMENTED_CIPHER_SUITES.stream().map(s -> s.name()).toList(),
                List.of(supported.getCipherSuites()));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, supported.getProtocols());
    }

    @Test
    void aTls13ContextEnablesTls13AndTls12() throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.3", new dev.xtls.XtlsProvider());
        c.init(null, null, null);
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, c.getDefaultSSLParameters().getProtocols());
        SSLEngine client = c.createSSLEngine("example.com", 443);
        client.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, client.getEnabledProtocols());
    }

    @Test
    void eachContextOwnsOneClientAndOneServerSessionContext() {
        SSLContext a = uninitialised();
        SSLContext b = uninitialised();
        assertInstanceOf(XtlsSessionContext.class, a.getClientSessionContext());
        assertNotSame(a.getClientSessionContext(), a.getServerSessionContext());
        assertSame(a.getClientSessionContext(), a.getClientSessionContext());
        assertNotSame(a.getClientSessionContext(), b.getClientSessionContext());
    }

    @Test
    void theCryptoIsMadeOnceAndOnlyWhenAHandshakeNeedsIt() throws Exception {
        int[] made = {0};
        XtlsSSLContext spi = new XtlsSSLContext(random -> {
            made[0]++;
            return new dev.xtls.crypto.jca.JcaTlsCrypto(random);
        });
        TestContexts.sslContext(spi).init(null, new TrustManager[0], null);
        assertEquals(0, made[0]);
        assertSame(spi.state().crypto(), spi.state().crypto());
        assertEquals(1, made[0]);
    }

    private static final class PlainKeyManager implements X509KeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"plain"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, java.net.Socket socket) {
            return "plain";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"plain"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, java.net.Socket socket) {
            return "plain";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
