package dev.xtls.handshake;

import static dev.xtls.crypto.BulkCipher.AES_128_CBC;
import static dev.xtls.crypto.BulkCipher.AES_128_GCM;
import static dev.xtls.crypto.BulkCipher.AES_256_CBC;
import static dev.xtls.crypto.BulkCipher.AES_256_GCM;
import static dev.xtls.crypto.BulkCipher.CHACHA20_POLY1305;
import static dev.xtls.crypto.HashAlgorithm.SHA1;
import static dev.xtls.crypto.HashAlgorithm.SHA256;
import static dev.xtls.crypto.HashAlgorithm.SHA384;
import static dev.xtls.handshake.KeyExchangeAlgorithm.DHE_RSA;
import static dev.xtls.handshake.KeyExchangeAlgorithm.ECDHE_ECDSA;
import static dev.xtls.handshake.KeyExchangeAlgorithm.ECDHE_RSA;
import static dev.xtls.handshake.KeyExchangeAlgorithm.RSA;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.wire.CipherSuite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a cipher suite this implementation supports consists of (RFC 5246, 5288, 5289, 7905). {@link #ALL} is
 * the default order of preference: forward-secret AEAD suites, then forward-secret CBC suites, RSA key transport
 * last. {@code macHash} is null for AEAD suites.
 */
public record SuiteSpec(CipherSuite suite, KeyExchangeAlgorithm keyExchange, BulkCipher cipher, HashAlgorithm prfHash,
        HashAlgorithm macHash) {
    public static final List<SuiteSpec> ALL = List.of(
            aead(0xC02B, ECDHE_ECDSA, AES_128_GCM, SHA256),
            aead(0xC02C, ECDHE_ECDSA, AES_256_GCM, SHA384),
            aead(0xCCA9, ECDHE_ECDSA, CHACHA20_POLY1305, SHA256),
            aead(0xC02F, ECDHE_RSA, AES_128_GCM, SHA256),
            aead(0xC030, ECDHE_RSA, AES_256_GCM, SHA384),
            aead(0xCCA8, ECDHE_RSA, CHACHA20_POLY1305, SHA256),
            aead(0x009E, DHE_RSA, AES_128_GCM, SHA256),
            aead(0x009F, DHE_RSA, AES_256_GCM, SHA384),
            aead(0xCCAA, DHE_RSA, CHACHA20_POLY1305, SHA256),
            cbc(0xC023, ECDHE_ECDSA, AES_128_CBC, SHA256, SHA256),
            cbc(0xC024, ECDHE_ECDSA, AES_256_CBC, SHA384, SHA384),
            cbc(0xC027, ECDHE_RSA, AES_128_CBC, SHA256, SHA256),
            cbc(0xC028, ECDHE_RSA, AES_256_CBC, SHA384, SHA384),
            cbc(0x0067, DHE_RSA, AES_128_CBC, SHA256, SHA256),
            cbc(0x006B, DHE_RSA, AES_256_CBC, SHA256, SHA256),
            cbc(0xC009, ECDHE_ECDSA, AES_128_CBC, SHA1, SHA256),
            cbc(0xC00A, ECDHE_ECDSA, AES_256_CBC, SHA1, SHA256),
            cbc(0xC013, ECDHE_RSA, AES_128_CBC, SHA1, SHA256),
            cbc(0xC014, ECDHE_RSA, AES_256_CBC, SHA1, SHA256),
            cbc(0x0033, DHE_RSA, AES_128_CBC, SHA1, SHA256),
            cbc(0x0039, DHE_RSA, AES_256_CBC, SHA1, SHA256),
            aead(0x009C, RSA, AES_128_GCM, SHA256),
            aead(0x009D, RSA, AES_256_GCM, SHA384),
            cbc(0x003C, RSA, AES_128_CBC, SHA256, SHA256),
            cbc(0x003D, RSA, AES_256_CBC, SHA256, SHA256),
            cbc(0x002F, RSA, AES_128_CBC, SHA1, SHA256),
            cbc(0x0035, RSA, AES_256_CBC, SHA1, SHA256));
    /** {@link #ALL} by suite, built once: handshakes look suites up many times. */
    private static final Map<CipherSuite, SuiteSpec> BY_SUITE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(SuiteSpec::suite, s -> s));

    private static SuiteSpec aead(int code, KeyExchangeAlgorithm kx, BulkCipher cipher, HashAlgorithm prf) {
        return new SuiteSpec(CipherSuite.of(code), kx, cipher, prf, null);
    }

    // RFC 5246 Appendix C / RFC 5289 §3.1: the MAC hash is in the name; the PRF is SHA-256 unless it says SHA384
    private static SuiteSpec cbc(int code, KeyExchangeAlgorithm kx, BulkCipher cipher, HashAlgorithm mac,
            HashAlgorithm prf) {
        return new SuiteSpec(CipherSuite.of(code), kx, cipher, prf, mac);
    }

    public static Optional<SuiteSpec> of(CipherSuite suite) {
        return Optional.ofNullable(suite == null ? null : BY_SUITE.get(suite));
    }

    /** The suites in {@link #ALL} order: what is implemented, in preference order (RSA key transport last). */
    public static List<CipherSuite> defaultSuites() {
        return ALL.stream().map(SuiteSpec::suite).toList();
    }

    public boolean isCbc() {
        return macHash != null;
    }

    /** TLS 1.2 verify_data length (RFC 5246 §7.4.9: 12 unless the suite says otherwise). */
    public int verifyDataLength() {
        return 12;
    }
}
