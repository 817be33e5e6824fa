package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.XtlsProvider;
import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.security.KeyStore;
import java.security.Principal;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyStoreBuilderParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Xtls's KeyManagerFactory PKIX chooses the aliases SunJSSE's PKIX (NewSunX509) chooses from the same store. */
class PkixKeyManagerTest {
    private static final TestPki PKI = TestPki.create();
    private static final char[] PASSWORD = TestPki.PASSWORD.toCharArray();
    private static final List<Credential> CREDENTIALS = List.of(
            PKI.withUsage("server-eku-only", "localhost", KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth),
            PKI.withUsage("client-eku-only", "localhost", KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth),
            PKI.withUsage("key-agreement-only", "localhost", KeyUsage.keyAgreement),
            PKI.withUsage("signing-and-agreement", "localhost", KeyUsage.digitalSignature | KeyUsage.keyAgreement),
            PKI.expired(), PKI.otherHost(), PKI.ecdsaP256(), PKI.rsa2048(), PKI.rsaPss(), PKI.ed25519(),
            PKI.untrusted());
    private static final List<String> KEY_TYPES = List.of("EC", "RSA", "RSASSA-PSS", "EdDSA", "Ed25519", "EC_EC",
            "EC_RSA", "RSA_EC", "DSA");
    private static final List<Principal[]> ISSUERS = Arrays.asList(null, new Principal[0],
            new Principal[] {PKI.caCertificate().getSubjectX500Principal()},
            new Principal[] {PKI.untrustedCaCertificate().getSubjectX500Principal()},
            new Principal[] {new X500Principal("CN=nobody")});

    @Test
    void registeredUnderSunJssesNames() throws Exception {
        XtlsProvider xtls = new XtlsProvider();
        for (String name : List.of("PKIX", "NewSunX509", "X509", "X.509")) {
            assertSame(xtls, KeyManagerFactory.getInstance(name, xtls).getProvider(), name);
        }
    }

    @Test
    void choosesTheAliasSunJsseChoosesForEveryKeyTypeAndIssuerSet() throws Exception {
        // the store order rotated, so that both ties (store order) and preferences show
        for (int rotation = 0; rotation < CREDENTIALS.size(); rotation += 3) {
            List<Credential> order = new ArrayList<>(CREDENTIALS);
            java.util.Collections.rotate(order, rotation);
            KeyStore store = PKI.keyStore(order.toArray(new Credential[0]));
            X509ExtendedKeyManager sun = manager(KeyManagerFactory.getInstance("PKIX", "SunJSSE"), store);
            X509ExtendedKeyManager xtls = manager(KeyManagerFactory.getInstance("PKIX", new XtlsProvider()), store);
            for (Principal[] issuers : ISSUERS) {
                for (String keyType : KEY_TYPES) {
                    String where = "store order " + rotation + ", key type " + keyType + ", issuers "
                            + Arrays.toString(issuers);
                    assertEquals(plain(sun.chooseServerAlias(keyType, issuers, null)),
                            xtls.chooseServerAlias(keyType, issuers, null), "server, " + where);
                    assertEquals(plain(sun.chooseEngineServerAlias(keyType, issuers, null)),
                            xtls.chooseEngineServerAlias(keyType, issuers, null), "engine server, " + where);
                    String[] types = {keyType, "RSA"};
                    assertEquals(plain(sun.chooseClientAlias(types, issuers, null)),
                            xtls.chooseClientAlias(types, issuers, null), "client, " + where);
                    assertArrayEquals(plain(sun.getServerAliases(keyType, issuers)),
                            xtls.getServerAliases(keyType, issuers), "server aliases, " + where);
                    assertArrayEquals(plain(sun.getClientAliases(keyType, issuers)),
                            xtls.getClientAliases(keyType, issuers), "client aliases, " + where);
                }
            }
        }
    }

    @Test
    void keysAndChainsAreTheStoresDecryptedOnceAtInit() throws Exception {
        KeyStore store = PKI.keyStore(PKI.ecdsaP256(), PKI.rsa2048());
        X509ExtendedKeyManager xtls = manager(KeyManagerFactory.getInstance("PKIX", new XtlsProvider()), store);
        assertEquals(PKI.rsa2048().key(), xtls.getPrivateKey("rsa-2048"));
        assertSame(xtls.getPrivateKey("rsa-2048"), xtls.getPrivateKey("rsa-2048")); // not read again
        assertArrayEquals(PKI.ecdsaP256().chain(), xtls.getCertificateChain("ecdsa-p256"));
        assertEquals(null, xtls.getPrivateKey("absent"));
        assertEquals(null, xtls.getCertificateChain(null));
    }

    @Test
    void aWrongPasswordFailsInitNamingThePassword() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", new XtlsProvider());
        KeyStore store = PKI.keyStore(PKI.ecdsaP256());
        UnrecoverableKeyException e = assertThrows(UnrecoverableKeyException.class,
                () -> kmf.init(store, "wrong".toCharArray()));
        assertNotNull(e.getMessage());
        assertEquals(true, e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void takesKeyStoreBuilderParameters() throws Exception {
        KeyStore store = PKI.keyStore(PKI.ecdsaP256());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", new XtlsProvider());
        kmf.init(new KeyStoreBuilderParameters(KeyStore.Builder.newInstance(store,
                new KeyStore.PasswordProtection(PASSWORD))));
        X509ExtendedKeyManager km = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        assertEquals("ecdsa-p256", km.chooseServerAlias("EC", null, null));
    }

    private static X509ExtendedKeyManager manager(KeyManagerFactory kmf, KeyStore store) throws Exception {
        kmf.init(store, PASSWORD);
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    /** SunJSSE's aliases are "uid.storeIndex.alias"; the key store's own alias is the comparable part. */
    private static String plain(String sunAlias) {
        return sunAlias == null ? null : sunAlias.substring(sunAlias.indexOf('.', sunAlias.indexOf('.') + 1) + 1);
    }

    private static String[] plain(String[] sunAliases) {
        return sunAliases == null ? null : Arrays.stream(sunAliases).map(PkixKeyManagerTest::plain)
                .toArray(String[]::new);
    }

    static {
        Security.getProvider("SunJSSE"); // loaded: the comparison uses it by name
    }
}
