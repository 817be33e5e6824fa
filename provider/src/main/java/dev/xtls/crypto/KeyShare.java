package dev.xtls.crypto;

import dev.xtls.wire.NamedGroup;

/** One side's ephemeral key pair for a named group; used once, then destroyed. */
public interface KeyShare {
    NamedGroup group();

    /**
     * The public value as sent on the wire: an uncompressed point (RFC 8422 §5.4.1), 32/56 bytes for
     * X25519/X448 (RFC 7748 §5), or Y left-padded to the length of p (RFC 7919 §5.1).
     */
    byte[] publicValue();

    /**
     * The shared secret with the peer's public value. A value that is not a valid point or is out of range
     * throws a {@link dev.xtls.wire.TlsException} with illegal_parameter; an all-zero X25519 result likewise
     * (RFC 7748 §6.1).
     */
    byte[] agree(byte[] peerPublicValue);

    void destroy();
}
