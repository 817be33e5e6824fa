package dev.xtls.message;

import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

/** The 4-byte handshake header around an already encoded body (RFC 5246 §7.4). */
public final class HandshakeFrame {
    /** Bytes in the header: msg_type(1) and uint24 length. */
    public static final int HEADER_LENGTH = 4;

    private HandshakeFrame() {
    }

    public static byte[] frame(HandshakeType type, byte[] body) {
        TlsWriter w = new TlsWriter(HEADER_LENGTH + body.length);
        w.u8(type.code());
        w.opaque24(body);
        return w.toByteArray();
    }
}
