package dev.xtls.wire;

import java.util.Map;
import java.util.Optional;

/**
 * SignatureScheme (RFC 8446 §4.2.3); in TLS 1.2 the same two bytes are SignatureAndHashAlgorithm
 * {hash, signature} (RFC 5246 §7.4.1.4.1).
 */
public record SignatureScheme(int code) {
    public static final SignatureScheme RSA_PKCS1_SHA1 = new SignatureScheme(0x0201);
    public static final SignatureScheme ECDSA_SHA1 = new SignatureScheme(0x0203);
    public static final SignatureScheme RSA_PKCS1_SHA256 = new SignatureScheme(0x0401);
    public static final SignatureScheme RSA_PKCS1_SHA384 = new SignatureScheme(0x0501);
    public static final SignatureScheme RSA_PKCS1_SHA512 = new SignatureScheme(0x0601);
    public static final SignatureScheme ECDSA_SECP256R1_SHA256 = new SignatureScheme(0x0403);
    public static final SignatureScheme ECDSA_SECP384R1_SHA384 = new SignatureScheme(0x0503);
    public static final SignatureScheme ECDSA_SECP521R1_SHA512 = new SignatureScheme(0x0603);
    public static final SignatureScheme RSA_PSS_RSAE_SHA256 = new SignatureScheme(0x0804);
    public static final SignatureScheme RSA_PSS_RSAE_SHA384 = new SignatureScheme(0x0805);
    public static final SignatureScheme RSA_PSS_RSAE_SHA512 = new SignatureScheme(0x0806);
    public static final SignatureScheme ED25519 = new SignatureScheme(0x0807);
    public static final SignatureScheme ED448 = new SignatureScheme(0x0808);
    public static final SignatureScheme RSA_PSS_PSS_SHA256 = new SignatureScheme(0x0809);
    public static final SignatureScheme RSA_PSS_PSS_SHA384 = new SignatureScheme(0x080A);
    public static final SignatureScheme RSA_PSS_PSS_SHA512 = new SignatureScheme(0x080B);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0201, "rsa_pkcs1_sha1"), Map.entry(0x0203, "ecdsa_sha1"),
            Map.entry(0x0401, "rsa_pkcs1_sha256"), Map.entry(0x0501, "rsa_pkcs1_sha384"),
            Map.entry(0x0601, "rsa_pkcs1_sha512"), Map.entry(0x0403, "ecdsa_secp256r1_sha256"),
            Map.entry(0x0503, "ecdsa_secp384r1_sha384"), Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
            Map.entry(0x0804, "rsa_pss_rsae_sha256"), Map.entry(0x0805, "rsa_pss_rsae_sha384"),
            Map.entry(0x0806, "rsa_pss_rsae_sha512"), Map.entry(0x0807, "ed25519"), Map.entry(0x0808, "ed448"),
            Map.entry(0x0809, "rsa_pss_pss_sha256"), Map.entry(0x080A, "rsa_pss_pss_sha384"),
            Map.entry(0x080B, "rsa_pss_pss_sha512"));
    private static final Map<String, Integer> CODES = WireCodes.codes(NAMES);
    private static final Map<Integer, SignatureScheme> KNOWN = Map.ofEntries(
            known(RSA_PKCS1_SHA1), known(ECDSA_SHA1), known(RSA_PKCS1_SHA256), known(RSA_PKCS1_SHA384),
            known(RSA_PKCS1_SHA512), known(ECDSA_SECP256R1_SHA256), known(ECDSA_SECP384R1_SHA384),
            known(ECDSA_SECP521R1_SHA512), known(RSA_PSS_RSAE_SHA256), known(RSA_PSS_RSAE_SHA384),
            known(RSA_PSS_RSAE_SHA512), known(ED25519), known(ED448), known(RSA_PSS_PSS_SHA256),
            known(RSA_PSS_PSS_SHA384), known(RSA_PSS_PSS_SHA512));

    public SignatureScheme {
        WireCodes.checkRange(code, 0xFFFF, "SignatureScheme");
    }

    public static Optional<SignatureScheme> byName(String name) {
        return WireCodes.codeOf(CODES, name).map(SignatureScheme::of);
    }

    /**
     * The scheme of a decoded code: the shared constant when it names one, so that a session keeping the peer's
     * list (signature_algorithms, RFC 8446 §4.2.3) holds no copies of its own.
     */
    public static SignatureScheme of(int code) {
        SignatureScheme known = KNOWN.get(code);
        return known != null ? known : new SignatureScheme(code);
    }

    private static Map.Entry<Integer, SignatureScheme> known(SignatureScheme s) {
        return Map.entry(s.code(), s);
    }

    public String name() {
        return WireCodes.name(NAMES, code, 4);
    }

    /** HashAlgorithm sha1(2) in the high byte (RFC 5246 §7.4.1.4.1): rsa_pkcs1_sha1, dsa_sha1, ecdsa_sha1. */
    public boolean usesSha1() {
        return code >>> 8 == 2;
    }

    @Override
    public String toString() {
        return name();
    }
}
