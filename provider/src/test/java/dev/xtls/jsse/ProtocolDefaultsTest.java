package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolDefaultsTest {
    private static final CipherSuite ECDSA_128 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite ECDSA_256 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;
    private static final CipherSuite RSA_128 = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite RSA_256 = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
    private static final CipherSuite TLS13_128 = new CipherSuite(0x1301);
    private static final CipherSuite TLS13_256 = new CipherSuite(0x1302);

    private static ProtocolDefaults withSystem(Map<String, String> system) {
        return TestContexts.defaults(system, Map.of());
    }

    @Test
    void withoutPropertiesEverythingImplementedButRsaKeyTransportIsEnabledInPreferenceOrder() {
        ProtocolDefaults d = withSystem(Map.of());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.supportedProtocols());
        // TLS 1.3 is supported, but a "TLS" context enables it only when asked (README "Protocols")
        assertEquals(List.of("TLSv1.2"), d.protocols(true));
        assertEquals(List.of("TLSv1.2"), d.protocols(false));
        assertEquals(ProtocolDefaults.DEFAULT_CIPHER_SUITES, d.cipherSuites(true));
        assertEquals(ProtocolDefaults.IMPLEMENTED_CIPHER_SUITES, d.supportedCipherSuites());
        assertTrue(d.cipherSuites(true).stream().noneMatch(s -> s.name().startsWith("TLS_RSA_WITH_")));
        assertEquals(List.of(TLS13_256, TLS13_128), d.cipherSuites(true).subList(0, 2));
        assertEquals(List.of(ECDSA_128, ECDSA_256), d.cipherSuites(true).subList(3, 5));
        assertEquals(d.cipherSuites(true), d.cipherSuites(false));
        assertEquals(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1), d.namedGroups()
                .subList(0, 3));
        assertEquals(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                SignatureScheme.RSA_PKCS1_SHA512), d.signatureSchemes(true).subList(0, 9));
        assertEquals(65536, d.maxHandshakeMessageSize());
        assertTrue(d.extendedMasterSecret());
    }

    @Test
    void clientCipherSuitesPropertyChoosesAndOrdersKnownSuitesAndIgnoresUnknownNames() {
        ProtocolDefaults d = withSystem(Map.of("jdk.tls.client.cipherSuites",
                " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_FOO,\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\","
                        + "TLS_AES_128_GCM_SHA256,,"));
        assertEquals(List.of(RSA_256, ECDSA_128, TLS13_128), d.cipherSuites(true));
        assertEquals(ProtocolDefaults.DEFAULT_CIPHER_SUITES, d.cipherSuites(false));
    }

    @Test
    void serverCipherSuitesPropertyOnlyChangesTheServerSide() {
        ProtocolDefaults d = withSystem(Map.of("jdk.tls.server.cipherSuites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals(List.of(RSA_128), d.cipherSuites(false));
        assertEquals(ProtocolDefaults.DEFAULT_CIPHER_SUITES, d.cipherSuites(true));
    }

    @Test
    void rsaKeyTransportIsEnabledByACipherSuitesPropertyUnlessDisabledAlgorithmsSaysTlsRsa() {
        CipherSuite rsaKx = CipherSuite.byName("TLS_RSA_WITH_AES_128_GCM_SHA256").orElseThrow();
        Map<String, String> asked = Map.of("jdk.tls.server.cipherSuites", rsaKx.name());
        assertEquals(List.of(rsaKx), withSystem(asked).cipherSuites(false));
        // JDK 24+ java.security: TLS_RSA_* is then neither supported nor enabled, even when asked for
        ProtocolDefaults jdk24 = TestContexts.defaults(asked, Map.of("jdk.tls.disabledAlgorithms", "TLS_RSA_*"));
        assertEquals(List.of(), jdk24.cipherSuites(false));
        assertTrue(jdk24.supportedCipherSuites().stream().noneMatch(ProtocolDefaults::isRsaKeyTransport));
    }

    @Test
    void protocolPropertiesIgnoreUnknownNamesAndNeverFallBackToUnwantedVersions() {
        ProtocolDefaults d = withSystem(Map.of(
                "jdk.tls.client.protocols", "TLSv1.2, TLSv9",
                "jdk.tls.server.protocols", "TLSv1.3"));
        assertEquals(List.of("TLSv1.2"), d.protocols(true));
        assertEquals(List.of("TLSv1.3"), d.protocols(false), "TLSv1.3 only means no TLSv1.2 either");
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.supportedProtocols());
        ProtocolDefaults none = withSystem(Map.of("jdk.tls.client.protocols", "TLSv1.1, TLSv9"));
        assertEquals(List.of(), none.protocols(true), "a property naming nothing we implement enables nothing");
    }

    @Test
    void aTls13ContextEnablesTls13AndTls12UnlessAPropertySaysOtherwise() {
        ProtocolDefaults d = ProtocolDefaults.from(Map.<String, String>of()::get, Map.<String, String>of()::get,
                ProtocolDefaults.TLS13_CONTEXT_PROTOCOLS);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.protocols(true));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.protocols(false));
        ProtocolDefaults onlyTls12 = ProtocolDefaults.from(Map.of("jdk.tls.client.protocols", "TLSv1.2")::get,
                Map.<String, String>of()::get, ProtocolDefaults.TLS13_CONTEXT_PROTOCOLS);
        assertEquals(List.of("TLSv1.2"), onlyTls12.protocols(true));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), onlyTls12.protocols(false));
    }

    @Test
    void namedGroupsPropertyOrdersTheGroupsWeImplement() {
        ProtocolDefaults d = withSystem(Map.of("jdk.tls.namedGroups", "secp384r1, ffdhe2048, x25519, bogus, ffdhe8192"));
        assertEquals(List.of(NamedGroup.SECP384R1, NamedGroup.FFDHE2048, NamedGroup.X25519), d.namedGroups());
    }

    @Test
    void signatureSchemePropertiesNarrowEachSide() {
        ProtocolDefaults d = withSystem(Map.of("jdk.tls.client.SignatureSchemes",
                "rsa_pss_rsae_sha256,ecdsa_secp256r1_sha256,bogus"));
        assertEquals(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.ECDSA_SECP256R1_SHA256),
                d.signatureSchemes(true));
        assertEquals(withoutSha1(), d.signatureSchemes(false));
    }

    @Test
    void sha1SchemesAreOffByDefaultAndOnOnlyForTheSideWhosePropertyNamesThem() {
        ProtocolDefaults d = withSystem(Map.of());
        assertFalse(d.signatureSchemes(true).stream().anyMatch(SignatureScheme::usesSha1), "RFC 9155 §3");
        assertFalse(d.signatureSchemes(false).stream().anyMatch(SignatureScheme::usesSha1), "RFC 9155 §3");
        ProtocolDefaults legacy = withSystem(Map.of("jdk.tls.server.SignatureSchemes",
                "rsa_pkcs1_sha256, rsa_pkcs1_sha1"));
        assertEquals(List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA1),
                legacy.signatureSchemes(false));
        assertEquals(withoutSha1(), legacy.signatureSchemes(true));
        ProtocolDefaults forbidden = TestContexts.defaults(Map.of("jdk.tls.server.SignatureSchemes",
                "rsa_pkcs1_sha256, rsa_pkcs1_sha1"), Map.of("jdk.tls.disabledAlgorithms",
                "rsa_pkcs1_sha1 usage HandshakeSignature"));
        assertEquals(List.of(SignatureScheme.RSA_PKCS1_SHA256), forbidden.signatureSchemes(false),
                "jdk.tls.disabledAlgorithms still wins");
    }

    private static List<SignatureScheme> withoutSha1() {
        return ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES.stream().filter(s -> !s.usesSha1()).toList();
    }

    @Test
    void maxHandshakeMessageSizeAcceptsOnlyPositiveNumbers() {
        assertEquals(100000, withSystem(Map.of("jdk.tls.maxHandshakeMessageSize", " 100000 "))
                .maxHandshakeMessageSize());
        assertEquals(65536, withSystem(Map.of("jdk.tls.maxHandshakeMessageSize", "-1")).maxHandshakeMessageSize());
        assertEquals(65536, withSystem(Map.of("jdk.tls.maxHandshakeMessageSize", "big")).maxHandshakeMessageSize());
    }

    @Test
    void extendedMasterSecretStaysOnUnlessSetToFalse() {
        assertFalse(withSystem(Map.of("jdk.tls.useExtendedMasterSecret", "FALSE")).extendedMasterSecret());
        assertTrue(withSystem(Map.of("jdk.tls.useExtendedMasterSecret", "true")).extendedMasterSecret());
        assertTrue(withSystem(Map.of("jdk.tls.useExtendedMasterSecret", "maybe")).extendedMasterSecret());
    }

    @Test
    void disabledAlgorithmsRemoveProtocolsSuitesGroupsAndSchemesEverywhere() {
        ProtocolDefaults d = TestContexts.defaults(Map.of("jdk.tls.client.cipherSuites",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                Map.of("jdk.tls.disabledAlgorithms",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, AES_256_GCM, CHACHA20_POLY1305, DHE, AES_128_CBC, AES_256_CBC, "
                                + "TLS_RSA_WITH_AES_128_GCM_SHA256, secp384r1, rsa_pkcs1_sha256"));
        assertEquals(List.of(TLS13_128, RSA_128), d.supportedCipherSuites());
        assertEquals(List.of(RSA_128), d.cipherSuites(true));
        assertEquals(List.of(TLS13_128, RSA_128), d.cipherSuites(false));
        assertEquals(List.of(NamedGroup.X25519, NamedGroup.SECP256R1), d.namedGroups().subList(0, 2));
        assertFalse(d.namedGroups().contains(NamedGroup.SECP384R1));
        assertFalse(d.signatureSchemes(true).contains(SignatureScheme.RSA_PKCS1_SHA256));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.supportedProtocols());

        ProtocolDefaults noTls12 = TestContexts.defaults(Map.of(), Map.of("jdk.tls.disabledAlgorithms", "TLSv1.2"));
        assertEquals(List.of("TLSv1.3"), noTls12.supportedProtocols());
        assertEquals(List.of(), noTls12.protocols(true));
    }

    @Test
    void theJdksOwnDisabledAlgorithmsLeaveEverythingWeImplementEnabled() {
        ProtocolDefaults d = TestContexts.defaults(Map.of(), Map.of("jdk.tls.disabledAlgorithms",
                "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, "
                        + "3DES_EDE_CBC, anon, NULL, ECDH, include jdk.disabled.namedCurves"));
        assertEquals(ProtocolDefaults.IMPLEMENTED_CIPHER_SUITES, d.supportedCipherSuites());
        assertEquals(ProtocolDefaults.IMPLEMENTED_GROUPS, d.namedGroups());
        assertEquals(withoutSha1(), d.signatureSchemes(false));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.supportedProtocols());
    }

    @Test
    void listParsingTrimsUnquotesAndSkipsEmptyItems() {
        assertEquals(List.of("a", "b c", "d"), ProtocolDefaults.parseList(" a ,\"b c\",, d ,\"\""));
        assertEquals(List.of(), ProtocolDefaults.parseList(null));
    }
}
