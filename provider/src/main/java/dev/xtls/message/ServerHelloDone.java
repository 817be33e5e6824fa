package dev.xtls.message;

import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

/** ServerHelloDone (RFC 5246 §7.4.5): <pre>struct { } ServerHelloDone;</pre> */
public record ServerHelloDone() implements HandshakeMessage {
    public static final ServerHelloDone INSTANCE = new ServerHelloDone();

    public static ServerHelloDone decode(byte[] body) {
        if (body.length != 0) {
            throw new DecodeException("ServerHelloDone: body must be empty, got " + body.length + " bytes");
        }
        return INSTANCE;
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        // empty body
    }
}
