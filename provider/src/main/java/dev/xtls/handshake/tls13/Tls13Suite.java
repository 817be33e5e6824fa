package dev.xtls.handshake.tls13;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.wire.CipherSuite;
import java.util.List;
import java.util.Optional;

/** A TLS 1.3 cipher suite: only the AEAD and the HKDF hash (RFC 8446 §B.4); key exchange is negotiated apart. */
public record Tls13Suite(CipherSuite suite, BulkCipher cipher, HashAlgorithm hash) {
    /** SunJSSE's default order. */
    public static final List<Tls13Suite> ALL = List.of(
            new Tls13Suite(new CipherSuite(0x1302), BulkCipher.AES_256_GCM, HashAlgorithm.SHA384),
            new Tls13Suite(new CipherSuite(0x1301), BulkCipher.AES_128_GCM, HashAlgorithm.SHA256),
            new Tls13Suite(new CipherSuite(0x1303), BulkCipher.CHACHA20_POLY1305, HashAlgorithm.SHA256));

    public static Optional<Tls13Suite> of(CipherSuite suite) {
        return ALL.stream().filter(s -> s.suite.equals(suite)).findFirst();
    }

    public static boolean isTls13(CipherSuite suite) {
        return of(suite).isPresent();
    }

    public static List<CipherSuite> defaultSuites() {
        return ALL.stream().map(Tls13Suite::suite).toList();
    }
}
