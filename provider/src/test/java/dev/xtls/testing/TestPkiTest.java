package dev.xtls.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @Test
    void leavesForLocalhostChainToTheTrustedRoot() throws Exception {
        X509ExtendedTrustManager tm = pki.trustManager();
        tm.checkServerTrusted(pki.ecdsaP256().chain(), "ECDHE_ECDSA");
        tm.checkServerTrusted(pki.ecdsaP384().chain(), "ECDHE_ECDSA");
        tm.checkServerTrusted(pki.rsa2048().chain(), "ECDHE_RSA");
        tm.checkClientTrusted(pki.ecdsaP256().chain(), "EC");
        tm.checkServerTrusted(pki.otherHost().chain(), "ECDHE_ECDSA"); // trusted; only the name is wrong
    }

    @Test
    void rejectsTheExpiredAndTheUntrustedLeaf() {
        X509ExtendedTrustManager tm = pki.trustManager();
        CertificateException expired = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(pki.expired().chain(), "ECDHE_ECDSA"));
        assertTrue(hasCause(expired, CertificateExpiredException.class) || expired.getMessage().contains("expired"),
                String.valueOf(expired));
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(pki.untrusted().chain(), "ECDHE_ECDSA"));
        assertThrows(CertificateExpiredException.class, () -> pki.expired().leaf().checkValidity());
    }

    @Test
    void leavesHaveTheRequestedKeysNamesAndUsages() throws Exception {
        assertEquals(256, ((ECPublicKey) pki.ecdsaP256().leaf().getPublicKey()).getParams().getCurve().getField()
                .getFieldSize());
        assertEquals(384, ((ECPublicKey) pki.ecdsaP384().leaf().getPublicKey()).getParams().getCurve().getField()
                .getFieldSize());
        assertEquals(2048, ((RSAPublicKey) pki.rsa2048().leaf().getPublicKey()).getModulus().bitLength());
        assertEquals("EC", pki.caCertificate().getPublicKey().getAlgorithm());
        assertTrue(pki.caCertificate().getBasicConstraints() >= 0, "root is a CA");

        for (Credential c : List.of(pki.ecdsaP256(), pki.ecdsaP384(), pki.rsa2048(), pki.expired(), pki.untrusted())) {
            X509Certificate leaf = c.leaf();
            assertEquals(-1, leaf.getBasicConstraints(), c + " is not a CA");
            assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")), sans(leaf), c.name());
            assertTrue(leaf.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
            assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        }
        assertEquals(List.of(List.of(2, "other.example")), sans(pki.otherHost().leaf()));
        assertEquals(pki.untrustedCaCertificate().getSubjectX500Principal(),
                pki.untrusted().leaf().getIssuerX500Principal());
    }

    @Test
    void keyManagersPickTheCredentialMatchingTheKeyType() {
        X509ExtendedKeyManager km = pki.keyManager(pki.ecdsaP256(), pki.rsa2048());
        assertEquals(pki.ecdsaP256().leaf(), km.getCertificateChain(km.chooseServerAlias("EC", null, null))[0]);
        assertEquals(pki.rsa2048().leaf(), km.getCertificateChain(km.chooseServerAlias("RSA", null, null))[0]);
        assertEquals(pki.rsa2048().key(), km.getPrivateKey(km.chooseServerAlias("RSA", null, null)));
    }

    @Test
    void keyStoresHoldOneEntryPerCredentialAndTheRoot() throws Exception {
        KeyStore ks = pki.keyStore(pki.ecdsaP256(), pki.rsa2048());
        assertEquals("PKCS12", ks.getType());
        assertTrue(ks.isKeyEntry("ecdsa-p256") && ks.isKeyEntry("rsa-2048"));
        assertEquals(pki.rsa2048().key(), ks.getKey("rsa-2048", TestPki.PASSWORD.toCharArray()));
        KeyStore ts = pki.trustStore();
        assertEquals(1, ts.size());
        assertEquals(pki.caCertificate(), ts.getCertificate(ts.aliases().nextElement()));
    }

    @Test
    void writesPemFilesThatParseBack(@TempDir Path dir) throws Exception {
        TestPki.PemFiles files = pki.writePem(dir, pki.rsa2048());
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(files.chain())) {
            Collection<? extends java.security.cert.Certificate> certs = cf.generateCertificates(in);
            assertArrayEquals(pki.rsa2048().chain(), certs.toArray());
        }
        String pem = Files.readString(files.key());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey back = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertEquals(pki.rsa2048().key(), back);
        try (InputStream in = Files.newInputStream(pki.writeCaPem(dir))) {
            assertEquals(pki.caCertificate(), cf.generateCertificate(in));
        }
    }

    @Test
    void everyPkiHasItsOwnKeysAndCredentialsAreImmutable() {
        TestPki other = TestPki.create();
        assertNotEquals(pki.caCertificate(), other.caCertificate());
        assertNotEquals(pki.ecdsaP256().key(), other.ecdsaP256().key());
        X509Certificate[] chain = pki.ecdsaP256().chain();
        chain[0] = null;
        assertEquals(pki.ecdsaP256().leaf(), pki.ecdsaP256().chain()[0]);
    }

    @Test
    void harnessClassesHaveNoStaticMutableFields() {
        for (Class<?> c : List.of(TestPki.class, Credential.class, EnginePair.class, Peer.class, WireRecord.class,
                TlsAlerts.class)) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()) {
                    assertTrue(Modifier.isFinal(f.getModifiers()), c.getSimpleName() + "." + f.getName());
                }
            }
        }
    }

    private static List<List<?>> sans(X509Certificate c) throws Exception {
        return List.copyOf(c.getSubjectAlternativeNames());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
