package dev.xtls.handshake;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.wire.CipherSuite;
import java.util.List;
import java.util.Optional;

/** What a cipher suite this implementation supports consists of (RFC 5289 §3, RFC 5246 Appendix C). */
public record SuiteSpec(CipherSuite suite, KeyExchangeAlgorithm keyExchange, BulkCipher cipher, HashAlgorithm prfHash) {
    /** Every suite Xtls implements, in the default order of preference. */
    public static final List<SuiteSpec> ALL = List.of(
            new SuiteSpec(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, KeyExchangeAlgorithm.ECDHE_ECDSA,
                    BulkCipher.AES_128_GCM, HashAlgorithm.SHA256),
            new SuiteSpec(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, KeyExchangeAlgorithm.ECDHE_ECDSA,
                    BulkCipher.AES_256_GCM, HashAlgorithm.SHA384),
            new SuiteSpec(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, KeyExchangeAlgorithm.ECDHE_RSA,
                    BulkCipher.AES_128_GCM, HashAlgorithm.SHA256),
            new SuiteSpec(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyExchangeAlgorithm.ECDHE_RSA,
                    BulkCipher.AES_256_GCM, HashAlgorithm.SHA384));

    public static Optional<SuiteSpec> of(CipherSuite suite) {
        return ALL.stream().filter(s -> s.suite.equals(suite)).findFirst();
    }

    /** TLS 1.2 verify_data length (RFC 5246 §7.4.9: 12 unless the suite says otherwise). */
    public int verifyDataLength() {
        return 12;
    }
}
