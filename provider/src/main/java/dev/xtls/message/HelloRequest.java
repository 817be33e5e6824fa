package dev.xtls.message;

import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

/** HelloRequest (RFC 5246 §7.4.1.1): <pre>struct { } HelloRequest;</pre> */
public record HelloRequest() implements HandshakeMessage {
    public static final HelloRequest INSTANCE = new HelloRequest();

    public static HelloRequest decode(byte[] body) {
        if (body.length != 0) {
            throw new DecodeException("HelloRequest: body must be empty, got " + body.length + " bytes");
        }
        return INSTANCE;
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        // empty body
    }
}
