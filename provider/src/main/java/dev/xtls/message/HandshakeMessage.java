package dev.xtls.message;

import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

/**
 * A handshake message (RFC 5246 §7.4):
 * <pre>
 * struct {
 *     HandshakeType msg_type;    // handshake type
 *     uint24 length;             // bytes in message
 *     select (HandshakeType) { ... } body;
 * } Handshake;
 * </pre>
 */
public interface HandshakeMessage {
    HandshakeType type();

    /** Writes the body only, without the 4-byte header. */
    void encodeBody(TlsWriter w);

    /** The whole message: type, uint24 length, body. */
    default byte[] encode() {
        TlsWriter w = new TlsWriter();
        w.u8(type().code());
        w.prefixed24(this::encodeBody);
        return w.toByteArray();
    }
}
