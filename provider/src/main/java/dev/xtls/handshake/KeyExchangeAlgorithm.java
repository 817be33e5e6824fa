package dev.xtls.handshake;

/** How a TLS 1.2 suite agrees on the premaster secret and authenticates the server (RFC 5246 §7.4.2-7.4.3). */
public enum KeyExchangeAlgorithm {
    ECDHE_ECDSA("EC"), ECDHE_RSA("RSA"), DHE_RSA("RSA"), RSA("RSA");

    private final String certificateKeyType;

    KeyExchangeAlgorithm(String certificateKeyType) {
        this.certificateKeyType = certificateKeyType;
    }

    /** The JSSE key type of the server certificate ("EC", "RSA"), as key managers are asked for it. */
    public String certificateKeyType() {
        return certificateKeyType;
    }

    /** The authType JSSE trust managers receive for the server's chain. */
    public String authType() {
        return name();
    }

    public boolean isEcdhe() {
        return this == ECDHE_ECDSA || this == ECDHE_RSA;
    }

    public boolean isDhe() {
        return this == DHE_RSA;
    }

    /** True when the server sends a signed ServerKeyExchange (all but RSA key transport). */
    public boolean signsKeyExchange() {
        return this != RSA;
    }

    /** Forward secrecy: the premaster comes from ephemeral keys (RFC 7525 §6.3). */
    public boolean isForwardSecret() {
        return this != RSA;
    }
}
