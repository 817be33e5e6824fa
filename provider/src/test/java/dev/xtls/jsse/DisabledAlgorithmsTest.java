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

class DisabledAlgorithmsTest {
    private static DisabledAlgorithms parse(String value) {
        return DisabledAlgorithms.parse(value, Map.<String, String>of()::get);
    }

    @Test
    void aSuiteIsDisabledByItsNameOrByOneOfItsComponents() {
        assertFalse(parse("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                .permitsSuite(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        assertFalse(parse("ECDHE_RSA").permitsSuite(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));
        assertTrue(parse("ECDHE_RSA").permitsSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384));
        assertFalse(parse("AES_256_GCM").permitsSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384));
        assertFalse(parse("RSA").permitsSuite(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));
    }

    @Test
    void ecdhDoesNotDisableEcdheAndAeadSuitesHaveNoMacComponent() {
        DisabledAlgorithms d = parse("ECDH, anon, NULL, SHA256");
        assertTrue(d.permitsSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        assertEquals(List.of("ECDHE_RSA", "ECDHE", "RSA", "AES_128_CBC", "SHA256"),
                DisabledAlgorithms.suiteComponents("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
        assertFalse(d.permitsSuite(CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256").orElseThrow()));
    }

    @Test
    void entriesWithConstraintsAreReportedButNotApplied() {
        DisabledAlgorithms d = parse("EC keySize < 224, SHA1 jdkCA & usage TLSServer, DH keySize < 1024");
        assertTrue(d.permitsGroup(NamedGroup.SECP256R1));
        assertTrue(d.permitsScheme(SignatureScheme.ECDSA_SECP256R1_SHA256));
        assertEquals(List.of("EC keySize < 224", "SHA1 jdkCA & usage TLSServer", "DH keySize < 1024"),
                d.ignoredConstrainedEntries());
    }

    @Test
    void aSchemeBarredFromHandshakeSignaturesIsNotOffered() {
        // JDK 24+ default: SHA-1 schemes may not sign handshakes
        DisabledAlgorithms d = parse("TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature, "
                + "ecdsa_sha1 usage HandshakeSignature");
        assertFalse(d.permitsScheme(SignatureScheme.RSA_PKCS1_SHA1));
        assertFalse(d.permitsScheme(SignatureScheme.ECDSA_SHA1));
        assertTrue(d.permitsScheme(SignatureScheme.RSA_PKCS1_SHA256));
        assertEquals(List.of(), d.ignoredConstrainedEntries());
    }

    @Test
    void includeExpandsTheNamedSecurityProperty() {
        DisabledAlgorithms d = DisabledAlgorithms.parse("TLSv1, include jdk.disabled.namedCurves",
                Map.of("jdk.disabled.namedCurves", "secp384r1, secp521r1")::get);
        assertFalse(d.permitsGroup(NamedGroup.SECP384R1));
        assertTrue(d.permitsGroup(NamedGroup.X25519));
        assertFalse(d.permitsProtocol("TLSv1"));
        assertTrue(d.permitsProtocol("TLSv1.2"));
    }

    @Test
    void aTrailingStarMatchesAnySuffixAndNamesIgnoreCase() {
        DisabledAlgorithms d = parse("TLS_ECDHE_ECDSA_*, tlsv1.2");
        assertFalse(d.permitsSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        assertTrue(d.permitsSuite(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        assertFalse(d.permitsProtocol("TLSv1.2"));
    }

    @Test
    void aSchemeIsDisabledByItsNameItsJdkNameOrItsHash() {
        assertFalse(parse("SHA256withRSA").permitsScheme(SignatureScheme.RSA_PKCS1_SHA256));
        assertTrue(parse("SHA256withRSA").permitsScheme(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertFalse(parse("rsa_pss_rsae_sha384").permitsScheme(SignatureScheme.RSA_PSS_RSAE_SHA384));
        assertFalse(parse("SHA1").permitsScheme(SignatureScheme.ECDSA_SHA1));
        assertTrue(DisabledAlgorithms.none().permitsScheme(SignatureScheme.ECDSA_SHA1));
    }
}
