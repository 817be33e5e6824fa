package dev.xtls.crypto.jca;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signature schemes over {@code java.security.Signature}, never naming a provider: the JCA's delayed provider
 * selection picks the one that accepts the key, so a key in a PKCS#11 token signs inside the token.
 */
final class JcaSignatures {
    private static final List<SignatureScheme> KNOWN = List.of(
            SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1, SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512,
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.ED25519,
            SignatureScheme.ED448, SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
            SignatureScheme.RSA_PSS_PSS_SHA512);

    /** The kind of key a scheme needs; rsae and pss differ by the key's OID (RFC 8446 §4.2.3). */
    private enum KeyKind { RSA, RSA_PSS, EC, ED25519, ED448 }

    private record Algorithm(String name, AlgorithmParameterSpec params, KeyKind keyKind) {
    }

    private final SecureRandom random;
    private final Set<SignatureScheme> available;
    private final BcEcdsa bcEcdsa;

    JcaSignatures(SecureRandom random, EcCurveNames curveNames, BcCurves curves) {
        this.random = random;
        this.bcEcdsa = new BcEcdsa(curveNames, curves);
        Set<SignatureScheme> found = new HashSet<>();
        for (SignatureScheme s : KNOWN) {
            try {
                Signature.getInstance(algorithm(s).name());
                found.add(s);
            } catch (GeneralSecurityException e) {
                // not offered by this runtime's providers
            }
        }
        this.available = Set.copyOf(found);
    }

    boolean supports(SignatureScheme scheme) {
        return available.contains(scheme);
    }

    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] data) {
        Algorithm alg = algorithm(scheme);
        if (alg == null || !supports(scheme)) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign with " + scheme
                    + ": not supported by this runtime");
        }
        if (!fits(alg.keyKind(), key)) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign with " + scheme + " using a "
                    + key.getAlgorithm() + " key");
        }
        if (alg.keyKind() == KeyKind.EC && key instanceof ECPrivateKey ec) {
            byte[] fast = bcEcdsa.sign(scheme, ec, data);
            if (fast != null) {
                return fast;
            }
        }
        try {
            Signature signature = Signature.getInstance(alg.name());
            // Init before setParameter: setting parameters first would fix the provider before it sees the key.
            signature.initSign(key, random);
            if (alg.params() != null) {
                signature.setParameter(alg.params());
            }
            signature.update(data);
            return signature.sign();
        } catch (InvalidKeyException e) {
            // The JCA offers a key only to registered providers; a token's provider object is invisible otherwise.
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign with " + scheme + " using a "
                    + key.getAlgorithm() + " key (" + key.getClass().getName() + "): " + e
                    + "; if the key lives in a token, register the key's provider (e.g. SunPKCS11) with"
                    + " java.security.Security", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign with " + scheme + " using a "
                    + key.getAlgorithm() + " key: " + e, e);
        }
    }

    boolean verify(SignatureScheme scheme, PublicKey key, byte[] data, byte[] signatureBytes) {
        Algorithm alg = algorithm(scheme);
        if (alg == null || !supports(scheme) || !fits(alg.keyKind(), key)) {
            return false;
        }
        if (!exactLength(alg.keyKind(), signatureBytes.length)) {
            return false;
        }
        if (alg.keyKind() == KeyKind.EC && key instanceof ECPublicKey ec) {
            Boolean verdict = bcEcdsa.verify(scheme, ec, data, signatureBytes);
            if (verdict != null) {
                return verdict;
            }
        }
        try {
            Signature signature = Signature.getInstance(alg.name());
            signature.initVerify(key);
            if (alg.params() != null) {
                signature.setParameter(alg.params());
            }
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Peer input: providers throw SignatureException, and some ProviderException, for malformed values.
            return false;
        }
    }

    private static Algorithm algorithm(SignatureScheme s) {
        return switch (s.code()) {
            case 0x0201 -> new Algorithm("SHA1withRSA", null, KeyKind.RSA);
            case 0x0401 -> new Algorithm("SHA256withRSA", null, KeyKind.RSA);
            case 0x0501 -> new Algorithm("SHA384withRSA", null, KeyKind.RSA);
            case 0x0601 -> new Algorithm("SHA512withRSA", null, KeyKind.RSA);
            case 0x0203 -> new Algorithm("SHA1withECDSA", null, KeyKind.EC);
            case 0x0403 -> new Algorithm("SHA256withECDSA", null, KeyKind.EC);
            case 0x0503 -> new Algorithm("SHA384withECDSA", null, KeyKind.EC);
            case 0x0603 -> new Algorithm("SHA512withECDSA", null, KeyKind.EC);
            case 0x0804 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32, KeyKind.RSA);
            case 0x0805 -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48, KeyKind.RSA);
            case 0x0806 -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64, KeyKind.RSA);
            case 0x0809 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32, KeyKind.RSA_PSS);
            case 0x080A -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48, KeyKind.RSA_PSS);
            case 0x080B -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64, KeyKind.RSA_PSS);
            case 0x0807 -> new Algorithm("Ed25519", null, KeyKind.ED25519);
            case 0x0808 -> new Algorithm("Ed448", null, KeyKind.ED448);
            default -> null;
        };
    }

    /** RFC 8446 §4.2.3: MGF1 with the same hash, salt as long as the hash output, trailer field 1. */
    private static Algorithm pss(String hash, MGF1ParameterSpec mgf, int saltLength, KeyKind kind) {
        return new Algorithm("RSASSA-PSS", new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1), kind);
    }

    /** RFC 8032 §5.1.7 / §5.2.7: JDK 17 accepts an EdDSA signature with extra trailing bytes, so check here. */
    private static boolean exactLength(KeyKind kind, int length) {
        return switch (kind) {
            case ED25519 -> length == 64;
            case ED448 -> length == 114;
            case RSA, RSA_PSS, EC -> true;
        };
    }

    private static boolean fits(KeyKind kind, Key key) {
        String a = key.getAlgorithm();
        return switch (kind) {
            case RSA -> a.equals("RSA");
            case RSA_PSS -> a.equals("RSASSA-PSS");
            case EC -> a.equals("EC") || a.equals("ECDSA");
            case ED25519 -> edwards(a, key, "Ed25519");
            case ED448 -> edwards(a, key, "Ed448");
        };
    }

    private static boolean edwards(String algorithm, Key key, String curve) {
        if (algorithm.equalsIgnoreCase(curve)) {
            return true;
        }
        // JDK keys say "EdDSA" and carry the curve in their parameters; keys without them are left to the JCA.
        return algorithm.equals("EdDSA") && (!(key instanceof EdECKey k) || k.getParams().getName().equals(curve));
    }
}
