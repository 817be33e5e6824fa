package dev.xtls.handshake;

import java.util.List;

/** How a TLS 1.2 suite agrees on the premaster secret and authenticates the server (RFC 5246 §7.4.2-7.4.3). */
public enum KeyExchangeAlgorithm {
    // RFC 8422 §5.3: ECDSA- or EdDSA-capable keys; RFC 8446 §4.2.3 rsa_pss_pss also in TLS 1.2; RSA transport
    // needs an RSA encryption key
    ECDHE_ECDSA(List.of("EC", "EdDSA")), ECDHE_RSA(List.of("RSA", "RSASSA-PSS")),
    DHE_RSA(List.of("RSA", "RSASSA-PSS")), RSA(List.of("RSA"));

    private final List<String> certificateKeyTypes;

    KeyExchangeAlgorithm(List<String> certificateKeyTypes) {
        this.certificateKeyTypes = certificateKeyTypes;
    }

    /** The JSSE key types of a suitable server certificate, as key managers are asked for them, preferred first. */
    public List<String> certificateKeyTypes() {
        return certificateKeyTypes;
    }

    /** Whether a server key of this type (as {@code SignatureSchemes.keyType} names it) fits the suite. */
    public boolean acceptsServerKey(String keyType) {
        return switch (this) {
            case ECDHE_ECDSA -> keyType.equals("EC") || keyType.equals("Ed25519") || keyType.equals("Ed448");
            case ECDHE_RSA, DHE_RSA -> keyType.equals("RSA") || keyType.equals("RSASSA-PSS");
            case RSA -> keyType.equals("RSA");
        };
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
