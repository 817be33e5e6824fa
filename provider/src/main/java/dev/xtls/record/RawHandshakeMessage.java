package dev.xtls.record;

import dev.xtls.wire.HandshakeType;

/**
 * One reassembled handshake message: its type, its body, and its whole encoding (header included) for the
 * transcript. Arrays are owned by this object once built.
 */
public record RawHandshakeMessage(HandshakeType type, byte[] body, byte[] encoded) {
}
