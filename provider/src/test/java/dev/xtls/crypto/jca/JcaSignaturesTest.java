package dev.xtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JcaSignaturesTest {
    private static final JcaTlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final byte[] DATA = "client random + server random + params".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> KEY_KINDS = List.of("RSA", "RSASSA-PSS", "P-256", "P-384", "P-521", "Ed25519",
            "Ed448");
    private static Map<String, KeyPair> keys;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator pss = KeyPairGenerator.getInstance("RSASSA-PSS");
        pss.initialize(2048);
        keys = Map.of("RSA", rsa.generateKeyPair(), "RSASSA-PSS", pss.generateKeyPair(),
                "P-256", ec("secp256r1"), "P-384", ec("secp384r1"), "P-521", ec("secp521r1"),
                "Ed25519", KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                "Ed448", KeyPairGenerator.getInstance("Ed448").generateKeyPair());
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    record Case(SignatureScheme scheme, String keyKind) {
        @Override
        public String toString() {
            return scheme + " with " + keyKind;
        }
    }

    static Stream<Case> schemes() {
        return Stream.of(
                new Case(SignatureScheme.RSA_PKCS1_SHA1, "RSA"), new Case(SignatureScheme.RSA_PKCS1_SHA256, "RSA"),
                new Case(SignatureScheme.RSA_PKCS1_SHA384, "RSA"), new Case(SignatureScheme.RSA_PKCS1_SHA512, "RSA"),
                new Case(SignatureScheme.ECDSA_SHA1, "P-256"),
                new Case(SignatureScheme.ECDSA_SECP256R1_SHA256, "P-256"),
                new Case(SignatureScheme.ECDSA_SECP384R1_SHA384, "P-384"),
                new Case(SignatureScheme.ECDSA_SECP521R1_SHA512, "P-521"),
                new Case(SignatureScheme.RSA_PSS_RSAE_SHA256, "RSA"),
                new Case(SignatureScheme.RSA_PSS_RSAE_SHA384, "RSA"),
                new Case(SignatureScheme.RSA_PSS_RSAE_SHA512, "RSA"),
                new Case(SignatureScheme.RSA_PSS_PSS_SHA256, "RSASSA-PSS"),
                new Case(SignatureScheme.RSA_PSS_PSS_SHA384, "RSASSA-PSS"),
                new Case(SignatureScheme.RSA_PSS_PSS_SHA512, "RSASSA-PSS"),
                new Case(SignatureScheme.ED25519, "Ed25519"), new Case(SignatureScheme.ED448, "Ed448"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void signsAndVerifiesWithAFreshKey(Case c) {
        KeyPair kp = keys.get(c.keyKind());
        assertTrue(CRYPTO.supportsSignatureScheme(c.scheme()));
        byte[] sig = CRYPTO.sign(c.scheme(), kp.getPrivate(), DATA);
        assertTrue(CRYPTO.verify(c.scheme(), kp.getPublic(), DATA, sig));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void tamperedDataOrSignatureDoesNotVerify(Case c) {
        KeyPair kp = keys.get(c.keyKind());
        byte[] sig = CRYPTO.sign(c.scheme(), kp.getPrivate(), DATA);
        byte[] data = DATA.clone();
        data[3] ^= 1;
        assertFalse(CRYPTO.verify(c.scheme(), kp.getPublic(), data, sig));
        byte[] bad = sig.clone();
        bad[bad.length / 2] ^= 0x10;
        assertFalse(CRYPTO.verify(c.scheme(), kp.getPublic(), DATA, bad));
    }

    // The one-byte-longer case catches JDK 17 accepting EdDSA signatures with trailing bytes (RFC 8032 §5.1.7).
    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void malformedSignaturesAreFalseNotExceptions(Case c) {
        KeyPair kp = keys.get(c.keyKind());
        byte[] sig = CRYPTO.sign(c.scheme(), kp.getPrivate(), DATA);
        byte[] longer = java.util.Arrays.copyOf(sig, sig.length + 1);
        for (byte[] s : new byte[][] {new byte[0], {0x30}, {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00},
                java.util.Arrays.copyOf(sig, sig.length - 1), longer, new byte[sig.length]}) {
            assertFalse(CRYPTO.verify(c.scheme(), kp.getPublic(), DATA, s));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void keysOfAnotherTypeDoNotVerifyAndCannotSign(Case c) {
        byte[] sig = CRYPTO.sign(c.scheme(), keys.get(c.keyKind()).getPrivate(), DATA);
        for (String other : KEY_KINDS) {
            if (sameFamily(other, c.keyKind())) {
                continue;
            }
            KeyPair wrong = keys.get(other);
            assertFalse(CRYPTO.verify(c.scheme(), wrong.getPublic(), DATA, sig), other);
            TlsException e = assertThrows(TlsException.class, () -> CRYPTO.sign(c.scheme(), wrong.getPrivate(),
                    DATA), other);
            assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
            assertTrue(e.getMessage().contains(c.scheme().name()), e.getMessage());
            assertTrue(e.getMessage().contains(wrong.getPrivate().getAlgorithm()), e.getMessage());
        }
    }

    private static boolean sameFamily(String a, String b) {
        return a.equals(b) || (a.startsWith("P-") && b.startsWith("P-"));
    }

    // RFC 8446 §4.2.3: MGF1 with the signature's hash, salt as long as the hash; checked by a plain JDK Signature.
    @Test
    void pssSignaturesVerifyWithAnIndependentlyConfiguredJdkSignature() throws Exception {
        KeyPair kp = keys.get("RSA");
        Object[][] cases = {{SignatureScheme.RSA_PSS_RSAE_SHA256, "SHA-256", MGF1ParameterSpec.SHA256, 32},
                {SignatureScheme.RSA_PSS_RSAE_SHA384, "SHA-384", MGF1ParameterSpec.SHA384, 48},
                {SignatureScheme.RSA_PSS_RSAE_SHA512, "SHA-512", MGF1ParameterSpec.SHA512, 64}};
        for (Object[] pc : cases) {
            byte[] sig = CRYPTO.sign((SignatureScheme) pc[0], kp.getPrivate(), DATA);
            assertTrue(jdkPssVerify(kp, sig, (String) pc[1], (MGF1ParameterSpec) pc[2], (int) pc[3]));
            assertFalse(jdkPssVerify(kp, sig, (String) pc[1], (MGF1ParameterSpec) pc[2], 20), "salt length");
        }
    }

    private static boolean jdkPssVerify(KeyPair kp, byte[] sig, String hash, MGF1ParameterSpec mgf, int salt)
            throws Exception {
        Signature v = Signature.getInstance("RSASSA-PSS");
        v.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, salt, PSSParameterSpec.TRAILER_FIELD_BC));
        v.initVerify(kp.getPublic());
        v.update(DATA);
        return v.verify(sig);
    }

    @Test
    void ecdsaSignaturesAreDerAndVerifyWithAPlainJdkSignature() throws Exception {
        KeyPair kp = keys.get("P-256");
        byte[] sig = CRYPTO.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, kp.getPrivate(), DATA);
        assertEquals(0x30, sig[0]);
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(kp.getPublic());
        v.update(DATA);
        assertTrue(v.verify(sig));
    }

    @Test
    void rsaeAndPssSchemesAreBoundToTheKeysOid() {
        KeyPair rsa = keys.get("RSA");
        KeyPair pss = keys.get("RSASSA-PSS");
        byte[] byRsa = CRYPTO.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPrivate(), DATA);
        assertFalse(CRYPTO.verify(SignatureScheme.RSA_PSS_PSS_SHA256, rsa.getPublic(), DATA, byRsa));
        byte[] byPss = CRYPTO.sign(SignatureScheme.RSA_PSS_PSS_SHA256, pss.getPrivate(), DATA);
        assertFalse(CRYPTO.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, pss.getPublic(), DATA, byPss));
        assertThrows(TlsException.class, () -> CRYPTO.sign(SignatureScheme.RSA_PSS_PSS_SHA256, rsa.getPrivate(),
                DATA));
    }

    @Test
    void aSignatureUnderOneHashDoesNotVerifyUnderAnother() {
        KeyPair rsa = keys.get("RSA");
        byte[] sig = CRYPTO.sign(SignatureScheme.RSA_PKCS1_SHA256, rsa.getPrivate(), DATA);
        assertFalse(CRYPTO.verify(SignatureScheme.RSA_PKCS1_SHA384, rsa.getPublic(), DATA, sig));
        assertFalse(CRYPTO.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPublic(), DATA, sig));
    }

    @Test
    void unknownSchemesAreUnsupportedAndDoNotVerify() {
        SignatureScheme grease = new SignatureScheme(0x0A0A);
        assertFalse(CRYPTO.supportsSignatureScheme(grease));
        assertFalse(CRYPTO.verify(grease, keys.get("RSA").getPublic(), DATA, new byte[256]));
        TlsException e = assertThrows(TlsException.class, () -> CRYPTO.sign(grease, keys.get("RSA").getPrivate(),
                DATA));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }
}
