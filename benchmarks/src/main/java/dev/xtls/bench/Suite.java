package dev.xtls.bench;

/** The bulk cipher suites, with the raw javax.crypto transformation each one is bounded by. */
public enum Suite {
    AES_128_GCM("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", "AES/GCM/NoPadding", 16,
            "AES-128-GCM"),
    AES_256_GCM("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", "AES/GCM/NoPadding", 32,
            "AES-256-GCM"),
    CHACHA20_POLY1305("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "ChaCha20-Poly1305", 32, "ChaCha20-Poly1305");

    final String cipherSuite;
    /** The TLS 1.3 suite with the same AEAD (RFC 8446 §B.4). */
    final String tls13CipherSuite;
    final String transformation;
    final int keyLength;
    final String label;

    Suite(String cipherSuite, String tls13CipherSuite, String transformation, int keyLength, String label) {
        this.cipherSuite = cipherSuite;
        this.tls13CipherSuite = tls13CipherSuite;
        this.transformation = transformation;
        this.keyLength = keyLength;
        this.label = label;
    }

    /** The suite to offer on {@code protocol} ("TLSv1.2" or "TLSv1.3"). */
    String cipherSuite(String protocol) {
        return Impl.TLS13.equals(protocol) ? tls13CipherSuite : cipherSuite;
    }

    public String label() {
        return label;
    }
}
