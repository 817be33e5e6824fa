package dev.xtls.message;

import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

/** EndOfEarlyData (RFC 8446 §4.5): <pre>struct {} EndOfEarlyData;</pre> */
public record EndOfEarlyData() implements HandshakeMessage {
    public static final EndOfEarlyData INSTANCE = new EndOfEarlyData();

    public static EndOfEarlyData decode(byte[] body) {
        if (body.length != 0) {
            throw new DecodeException("EndOfEarlyData: body must be empty, got " + body.length + " bytes");
        }
        return INSTANCE;
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        // empty body
    }
}
