package dev.xtls.handshake.tls13;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.wire.CipherSuite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A TLS 1.3 cipher suite: only the AEAD and the HKDF hash (RFC 8446 §B.4); key exchange is negotiated apart. */
public record Tls13Suite(CipherSuite suite, BulkCipher cipher, HashAlgorithm hash) {
    /** SunJSSE's default order. */
    public static final List<Tls13Suite> ALL = List.of(
            new Tls13Suite(new CipherSuite(0x1302), BulkCipher.AES_256_GCM, HashAlgorithm.SHA384),
            new Tls13Suite(new CipherSuite(0x1301), BulkCipher.AES_128_GCM, HashAlgorithm.SHA256),
            new Tls13Suite(new CipherSuite(0x1303), BulkCipher.CHACHA20_POLY1305, HashAlgorithm.SHA256));
    /** {@link #ALL} by suite, built once: handshakes look suites up many times. */
    private static final Map<CipherSuite, Tls13Suite> BY_SUITE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Tls13Suite::suite, s -> s));

    public static Optional<Tls13Suite> of(CipherSuite suite) {
        return Optional.ofNullable(suite == null ? null : BY_SUITE.get(suite));
    }

    public static boolean isTls13(CipherSuite suite) {
        return of(suite).isPresent();
    }

    public static List<CipherSuite> defaultSuites() {
        return ALL.stream().map(Tls13Suite::suite).toList();
    }
}
