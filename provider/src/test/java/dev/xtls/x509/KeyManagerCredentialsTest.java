package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.HandshakingEngine;
import dev.xtls.jsse.ProtocolDefaults;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ProtocolVersion;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyManagerCredentialsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCertificates.Issued ca;
    private static TestCertificates.Issued server;
    private static X509ExtendedKeyManager pkix;

    @BeforeAll
    static void buildKeyManager() throws Exception {
        ca = TestCertificates.ca("CN=Xtls Test CA");
        server = TestCertificates.leaf(ca, "CN=localhost", List.of("localhost"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(TestCertificates.keyStore("server", PASSWORD, server.privateKey(), server.certificate(), ca.certificate()),
                PASSWORD);
        pkix = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    /** Mid-handshake, TLS 1.2, with the peer's signature algorithms known: the JDK key manager checks them. */
    private static SSLEngine engine() {
        SessionState state = SessionState.initial("localhost", 443, System.currentTimeMillis())
                .withNegotiated(Bytes.EMPTY, ProtocolVersion.TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .withSignatureSchemes(ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES,
                        ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES);
        return new HandshakingEngine(state, new SSLParameters());
    }

    @Test
    void serverCredentialIsTheChainAndKeyOfTheAliasTheKeyManagerChooses() {
        Optional<CertifiedKey> chosen = new KeyManagerCredentials(pkix, engine())
                .chooseServerCredential("EC", List.of("localhost"));
        assertTrue(chosen.isPresent());
        assertEquals(List.of(server.certificate(), ca.certificate()), chosen.get().chain());
        assertEquals(server.privateKey(), chosen.get().privateKey());
    }

    @Test
    void noServerCredentialForAKeyTypeTheKeyManagerLacks() {
        assertEquals(Optional.empty(), new KeyManagerCredentials(pkix, engine())
                .chooseServerCredential("RSA", List.of()));
    }

    @Test
    void clientCredentialHonoursTheRequestedIssuers() {
        KeyManagerCredentials credentials = new KeyManagerCredentials(pkix, engine());
        assertTrue(credentials.chooseClientCredential(List.of("EC"),
                List.of(new X500Principal("CN=Xtls Test CA"))).isPresent());
        assertEquals(Optional.empty(), credentials.chooseClientCredential(List.of("EC"),
                List.of(new X500Principal("CN=Someone Else"))));
    }

    @Test
    void noIssuersArePassedAsNullMeaningAnyIssuer() {
        List<Principal[]> seen = new ArrayList<>();
        X509KeyManager plain = new FixedKeyManager("a", null, null) {
            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                seen.add(issuers);
                return null;
            }
        };
        new KeyManagerCredentials(ExtendedKeyManagerAdapter.of(plain), engine())
                .chooseClientCredential(List.of("EC"), List.of());
        assertEquals(1, seen.size());
        assertNull(seen.get(0));
    }

    @Test
    void noKeyManagerMeansNoCredentials() {
        KeyManagerCredentials none = new KeyManagerCredentials(null, engine());
        assertEquals(Optional.empty(), none.chooseServerCredential("EC", List.of()));
        assertEquals(Optional.empty(), none.chooseClientCredential(List.of("EC"), List.of()));
    }

    @Test
    void anAliasWithoutKeyOrChainGivesNoCredential() {
        X509KeyManager noKey = new FixedKeyManager("a", new X509Certificate[] {server.certificate()}, null);
        X509KeyManager noChain = new FixedKeyManager("a", null, server.privateKey());
        assertEquals(Optional.empty(), new KeyManagerCredentials(ExtendedKeyManagerAdapter.of(noKey), engine())
                .chooseServerCredential("EC", List.of()));
        assertEquals(Optional.empty(), new KeyManagerCredentials(ExtendedKeyManagerAdapter.of(noChain), engine())
                .chooseServerCredential("EC", List.of()));
    }

    @Test
    void plainKeyManagerIsAdaptedAndItsEngineChoicesDelegateToTheSocketlessOnes() {
        X509KeyManager plain = new FixedKeyManager("only", new X509Certificate[] {server.certificate()},
                server.privateKey());
        X509ExtendedKeyManager adapted = ExtendedKeyManagerAdapter.of(plain);
        assertInstanceOf(ExtendedKeyManagerAdapter.class, adapted);
        assertEquals("only", adapted.chooseEngineServerAlias("EC", null, engine()));
        assertEquals("only", adapted.chooseEngineClientAlias(new String[] {"EC"}, null, engine()));
        assertArrayEquals(new X509Certificate[] {server.certificate()}, adapted.getCertificateChain("only"));
        assertSame(pkix, ExtendedKeyManagerAdapter.of(pkix));
    }

    /** A plain key manager that always offers one alias. */
    private static class FixedKeyManager implements X509KeyManager {
        private final String alias;
        private final X509Certificate[] chain;
        private final PrivateKey key;

        FixedKeyManager(String alias, X509Certificate[] chain, PrivateKey key) {
            this.alias = alias;
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public X509Certificate[] getCertificateChain(String a) {
            return chain;
        }

        @Override
        public PrivateKey getPrivateKey(String a) {
            return key;
        }
    }
}
