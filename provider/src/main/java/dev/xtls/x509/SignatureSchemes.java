package dev.xtls.x509;

import dev.xtls.wire.SignatureScheme;
import java.security.Key;
import java.security.interfaces.EdECKey;
import java.util.List;
import java.util.Set;

/** Which signature schemes a key can make or check (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3). */
public final class SignatureSchemes {
    private static final Set<SignatureScheme> ECDSA = Set.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ECDSA_SHA1);
    private static final Set<SignatureScheme> RSA = Set.of(SignatureScheme.RSA_PKCS1_SHA1,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512,
            SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512);
    private static final Set<SignatureScheme> RSA_PSS = Set.of(SignatureScheme.RSA_PSS_PSS_SHA256,
            SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512);

    private SignatureSchemes() {
    }

    /** "EC", "RSA", "RSASSA-PSS", "Ed25519", "Ed448", whatever the key's provider calls them. */
    public static String keyType(Key key) {
        if (key instanceof EdECKey ed) {
            return ed.getParams().getName();
        }
        String a = key.getAlgorithm();
        return a.equals("ECDSA") ? "EC" : a;
    }

    /** In TLS 1.2 an ECDSA scheme names only the hash: any curve may be used with it. */
    public static boolean matchesKeyType(SignatureScheme scheme, String keyType) {
        return switch (keyType) {
            case "EC" -> ECDSA.contains(scheme);
            case "RSA" -> RSA.contains(scheme);
            case "RSASSA-PSS" -> RSA_PSS.contains(scheme);
            case "Ed25519" -> scheme.equals(SignatureScheme.ED25519);
            case "Ed448" -> scheme.equals(SignatureScheme.ED448);
            default -> false;
        };
    }

    /** The first of {@code preferred} that is also in {@code acceptable} and fits the key type. */
    public static SignatureScheme choose(List<SignatureScheme> preferred, List<SignatureScheme> acceptable,
            String keyType) {
        for (SignatureScheme s : preferred) {
            if (acceptable.contains(s) && matchesKeyType(s, keyType)) {
                return s;
            }
        }
        return null;
    }
}
