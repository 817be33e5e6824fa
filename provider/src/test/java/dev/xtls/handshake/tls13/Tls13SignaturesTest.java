package dev.xtls.handshake.tls13;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8446 §4.2.3 and §4.4.3: which schemes may sign a TLS 1.3 CertificateVerify, and what they sign. */
class Tls13SignaturesTest {
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    @Test
    void pkcs1AndSha1SchemesNeverSignACertificateVerify() {
        assertFalse(Tls13Signatures.allowedInCertificateVerify(SignatureScheme.RSA_PKCS1_SHA256));
        assertFalse(Tls13Signatures.allowedInCertificateVerify(SignatureScheme.RSA_PKCS1_SHA512));
        assertFalse(Tls13Signatures.allowedInCertificateVerify(SignatureScheme.ECDSA_SHA1));
        assertTrue(Tls13Signatures.allowedInCertificateVerify(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertTrue(Tls13Signatures.allowedInCertificateVerify(SignatureScheme.ECDSA_SECP384R1_SHA384));
        assertTrue(Tls13Signatures.allowedInCertificateVerify(SignatureScheme.ED25519));
    }

    @Test
    void anEcdsaSchemeFitsOnlyTheCurveItNames() throws Exception {
        KeyPair p256 = ec("secp256r1");
        assertTrue(Tls13Signatures.fits(crypto, SignatureScheme.ECDSA_SECP256R1_SHA256, p256.getPublic()));
        assertFalse(Tls13Signatures.fits(crypto, SignatureScheme.ECDSA_SECP384R1_SHA384, p256.getPublic()));
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, Tls13Signatures.choose(crypto,
                List.of(SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP256R1_SHA256),
                List.of(SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP256R1_SHA256),
                p256.getPublic()));
    }

    @Test
    void theSignedContentIsSixtyFourSpacesTheContextStringAZeroAndTheHash() {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 7);
        byte[] content = Tls13Signatures.content(true, hash);
        byte[] context = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
        assertEquals(64 + context.length + 1 + 32, content.length);
        for (int i = 0; i < 64; i++) {
            assertEquals(0x20, content[i]);
        }
        assertArrayEquals(context, Arrays.copyOfRange(content, 64, 64 + context.length));
        assertEquals(0, content[64 + context.length]);
        assertArrayEquals(hash, Arrays.copyOfRange(content, content.length - 32, content.length));
        assertEquals("TLS 1.3, client CertificateVerify", new String(Tls13Signatures.content(false, hash), 64,
                context.length, StandardCharsets.US_ASCII));
    }

    @Test
    void aServerSignatureDoesNotVerifyAsAClientOne() throws Exception {
        KeyPair key = ec("secp256r1");
        byte[] hash = new byte[32];
        byte[] signature = Tls13Signatures.sign(crypto, true, SignatureScheme.ECDSA_SECP256R1_SHA256,
                key.getPrivate(), hash);
        assertTrue(crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, key.getPublic(),
                Tls13Signatures.content(true, hash), signature));
        assertFalse(crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, key.getPublic(),
                Tls13Signatures.content(false, hash), signature));
    }

    @Test
    void aPkcs1CertificateVerifyIsAnIllegalParameter() {
        X509Certificate cert = TestPki.create().rsa2048().chain()[0];
        TlsException x = assertThrows(TlsException.class, () -> Tls13Signatures.verify(crypto, true,
                SignatureScheme.RSA_PKCS1_SHA256, new byte[256], List.of(SignatureScheme.RSA_PKCS1_SHA256), cert,
                new byte[32]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, x.alert());
        assertTrue(x.getMessage().contains("rsa_pkcs1_sha256"), x.getMessage());
    }
}
