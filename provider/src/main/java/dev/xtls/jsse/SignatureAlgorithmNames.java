package dev.xtls.jsse;

import dev.xtls.wire.SignatureScheme;
import java.util.Map;

/**
 * Java Security Standard Algorithm Names of signature schemes: ExtendedSSLSession's
 * get*SupportedSignatureAlgorithms must return them ("SHA256withECDSA", not "ecdsa_secp256r1_sha256"), and the
 * JDK's PKIX trust and key managers compare certificate signature algorithms against them.
 */
final class SignatureAlgorithmNames {
    private static final Map<SignatureScheme, String> NAMES = Map.ofEntries(
            Map.entry(SignatureScheme.ECDSA_SHA1, "SHA1withECDSA"),
            Map.entry(SignatureScheme.ECDSA_SECP256R1_SHA256, "SHA256withECDSA"),
            Map.entry(SignatureScheme.ECDSA_SECP384R1_SHA384, "SHA384withECDSA"),
            Map.entry(SignatureScheme.ECDSA_SECP521R1_SHA512, "SHA512withECDSA"),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA1, "SHA1withRSA"),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA256, "SHA256withRSA"),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA384, "SHA384withRSA"),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA512, "SHA512withRSA"),
            Map.entry(SignatureScheme.RSA_PSS_RSAE_SHA256, "RSASSA-PSS"),
            Map.entry(SignatureScheme.RSA_PSS_RSAE_SHA384, "RSASSA-PSS"),
            Map.entry(SignatureScheme.RSA_PSS_RSAE_SHA512, "RSASSA-PSS"),
            Map.entry(SignatureScheme.RSA_PSS_PSS_SHA256, "RSASSA-PSS"),
            Map.entry(SignatureScheme.RSA_PSS_PSS_SHA384, "RSASSA-PSS"),
            Map.entry(SignatureScheme.RSA_PSS_PSS_SHA512, "RSASSA-PSS"),
            Map.entry(SignatureScheme.ED25519, "Ed25519"),
            Map.entry(SignatureScheme.ED448, "Ed448"));

    private SignatureAlgorithmNames() {
    }

    /** The standard name, or the scheme's IANA name when the JDK has none for it. */
    static String of(SignatureScheme scheme) {
        return NAMES.getOrDefault(scheme, scheme.name());
    }
}
