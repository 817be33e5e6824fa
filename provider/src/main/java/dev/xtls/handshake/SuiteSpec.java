package dev.xtls.handshake;

import static dev.xtls.crypto.BulkCipher.AES_128_GCM;
import static dev.xtls.crypto.BulkCipher.AES_256_GCM;
import static dev.xtls.crypto.BulkCipher.CHACHA20_POLY1305;
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
import java.util.Optional;

/**
 * What a cipher suite this implementation supports consists of (RFC 5288, 5289, 7905). {@link #ALL} is the
 * default order of preference: forward-secret suites first, ECDHE before DHE, RSA key transport last.
 */
public record SuiteSpec(CipherSuite suite, KeyExchangeAlgorithm keyExchange, BulkCipher cipher, HashAlgorithm prfHash) {
    public static final List<SuiteSpec> ALL = List.of(
            spec(0xC02B, ECDHE_ECDSA, AES_128_GCM, SHA256),
            spec(0xC02C, ECDHE_ECDSA, AES_256_GCM, SHA384),
            spec(0xCCA9, ECDHE_ECDSA, CHACHA20_POLY1305, SHA256),
            spec(0xC02F, ECDHE_RSA, AES_128_GCM, SHA256),
            spec(0xC030, ECDHE_RSA, AES_256_GCM, SHA384),
            spec(0xCCA8, ECDHE_RSA, CHACHA20_POLY1305, SHA256),
            spec(0x009E, DHE_RSA, AES_128_GCM, SHA256),
            spec(0x009F, DHE_RSA, AES_256_GCM, SHA384),
            spec(0xCCAA, DHE_RSA, CHACHA20_POLY1305, SHA256),
            spec(0x009C, RSA, AES_128_GCM, SHA256),
            spec(0x009D, RSA, AES_256_GCM, SHA384));

    private static SuiteSpec spec(int code, KeyExchangeAlgorithm kx, BulkCipher cipher, HashAlgorithm prf) {
        return new SuiteSpec(new CipherSuite(code), kx, cipher, prf);
    }

    public static Optional<SuiteSpec> of(CipherSuite suite) {
        return ALL.stream().filter(s -> s.suite.equals(suite)).findFirst();
    }

    /** The suites in {@link #ALL} order, as the default enabled list. */
    public static List<CipherSuite> defaultSuites() {
        return ALL.stream().map(SuiteSpec::suite).toList();
    }

    /** TLS 1.2 verify_data length (RFC 5246 §7.4.9: 12 unless the suite says otherwise). */
    public int verifyDataLength() {
        return 12;
    }
}
