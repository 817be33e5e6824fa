package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** Each setting that keeps what Xtls implements out of the handshake is named with what it removed. */
class RemovedBySettingsTest {
    private static final String RSA_KX_OFF_BY_DEFAULT = "[TLS_RSA_WITH_AES_128_GCM_SHA256,"
            + " TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_RSA_WITH_AES_128_CBC_SHA256, TLS_RSA_WITH_AES_256_CBC_SHA256, ..."
            + " (6 in all)] by default (RSA key transport, timing side channel: enable it with setEnabledCipherSuites"
            + " if a peer needs it)";

    private static String removed(ProtocolDefaults defaults, SSLParameters changes) throws Exception {
        XtlsSSLEngine e = new XtlsSSLEngine(TestContexts.state(defaults), "localhost", 443);
        e.setUseClientMode(true);
        if (changes != null) {
            e.setSSLParameters(changes);
        }
        return RemovedBySettings.describe(defaults, true, List.of(e.getEnabledProtocols()),
                List.of(e.getEnabledCipherSuites()), e.handshakeConfig());
    }

    @Test
    void theDefaultsRemoveOnlyRsaKeyTransport() throws Exception {
        ProtocolDefaults d = TestContexts.defaults(Map.of("jdk.tls.client.protocols", "TLSv1.3,TLSv1.2"), Map.of());
        assertEquals("removed here: " + RSA_KX_OFF_BY_DEFAULT, removed(d, null));
    }

    @Test
    void aTls13OnlyEngineDoesNotNameTheTls12SuitesItLeavesOut() throws Exception {
        ProtocolDefaults d = TestContexts.defaults(Map.of("jdk.tls.client.protocols", "TLSv1.3"), Map.of());
        assertEquals("removed here: [TLSv1.2] not enabled by setEnabledProtocols, SSLParameters or the context's"
                + " defaults", removed(d, null));
    }

    @Test
    void disabledAlgorithmsAndNamedGroupsAreNamed() throws Exception {
        ProtocolDefaults d = TestContexts.defaults(Map.of("jdk.tls.client.protocols", "TLSv1.3,TLSv1.2",
                "jdk.tls.namedGroups", "x25519, secp256r1, secp384r1, ffdhe2048"),
                Map.of(DisabledAlgorithms.PROPERTY, "TLS_CHACHA20_POLY1305_SHA256, ffdhe2048"));
        assertEquals("removed here: [TLS_CHACHA20_POLY1305_SHA256, ffdhe2048] by jdk.tls.disabledAlgorithms; "
                + RSA_KX_OFF_BY_DEFAULT + "; [secp521r1, x448, ffdhe3072, ffdhe4096] by jdk.tls.namedGroups",
                removed(d, null));
    }

    @Test
    void algorithmConstraintsAndAVersionWithoutSuitesAreNamed() throws Exception {
        ProtocolDefaults d = TestContexts.defaults(Map.of("jdk.tls.client.protocols", "TLSv1.3,TLSv1.2"), Map.of());
        SSLParameters p = new SSLParameters();
        p.setCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"});
        p.setAlgorithmConstraints(refusing("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "x448"));
        assertEquals("removed here: [TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,"
                + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,"
                + " TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ... (25 in all)] by setEnabledCipherSuites (or"
                + " SSLParameters); [TLSv1.3] for want of an enabled cipher suite of that version;"
                + " [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, x448] by the SSLParameters' algorithm constraints",
                removed(d, p));
    }

    /** Permits everything but the named algorithms. */
    private static AlgorithmConstraints refusing(String... names) {
        Set<String> refused = Set.of(names);
        return new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters p) {
                return !refused.contains(algorithm);
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters p) {
                return !refused.contains(algorithm);
            }
        };
    }
}
