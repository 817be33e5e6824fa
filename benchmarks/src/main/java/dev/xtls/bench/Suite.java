package dev.xtls.bench;

/** The bulk cipher suites, with the raw javax.crypto transformation each one is bounded by. */
public enum Suite {
    AES_128_GCM("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "AES/GCM/NoPadding", 16, "AES-128-GCM"),
    AES_256_GCM("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "AES/GCM/NoPadding", 32, "AES-256-GCM"),
    CHACHA20_POLY1305("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", 32,
            "ChaCha20-Poly1305");

    final String cipherSuite;
    final String transformation;
    final int keyLength;
    final String label;

    Suite(String cipherSuite, String transformation, int keyLength, String label) {
        this.cipherSuite = cipherSuite;
        this.transformation = transformation;
        this.keyLength = keyLength;
        this.label = label;
    }

    public String label() {
        return label;
    }
}
