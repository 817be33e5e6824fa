package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SSLParameters' AlgorithmConstraints apply to the chain a plain X509TrustManager accepted, as SunJSSE's
 * wrapper applies them; SunJSSE and Xtls on the checking side, SunJSSE on the other.
 */
class PlainTrustManagerConstraintsTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** Refuses EC keys under 384 bits for signatures only (ECDHE keys stay allowed); every name is permitted. */
    static final class NoSmallEcSigningKeys implements AlgorithmConstraints {
        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return !(primitives.contains(CryptoPrimitive.SIGNATURE) && key instanceof ECKey ec
                    && ec.getParams().getCurve().getField().getFieldSize() < 384);
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                AlgorithmParameters parameters) {
            return permits(primitives, key);
        }
    }

    private static SSLEngine client(Peer peer) {
        SSLEngine e = peer.contextWithPlainTrustManager(pki).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {Peer.TLS12});
        p.setCipherSuites(new String[] {SUITE});
        p.setAlgorithmConstraints(new NoSmallEcSigningKeys());
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine sunServer(Credential credential) {
        return Peer.SUN.engine(Role.SERVER, pki, credential, SUITE);
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aCertificateKeyTheConstraintsRefuseEndsTheHandshakeWithUnsupportedCertificate(Peer peer) {
        Failure f = EnginePair.builder(client(peer), sunServer(pki.ecdsaP256())).lenient().build()
                .expectHandshakeFailure();
        assertEquals("unsupported_certificate", f.alertReceivedBy(Role.SERVER).orElseThrow());
        if (peer == Peer.XTLS) {
            String message = f.of(Role.CLIENT).orElseThrow().getMessage();
            assertTrue(message.contains("OU=ecdsa-p256") && message.contains("algorithm constraints"), message);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aCertificateTheConstraintsPermitPasses(Peer peer) {
        EnginePair.of(client(peer), sunServer(pki.ecdsaP384()), Mode.NORMAL).handshake();
    }
}
