package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * cookie (RFC 8446 §4.2.2): sent by the server in a HelloRetryRequest, echoed by the client in its second
 * ClientHello.
 * <pre>
 * struct {
 *     opaque cookie&lt;1..2^16-1&gt;;
 * } Cookie;
 * </pre>
 */
public record Cookie(Bytes cookie) {
    public Cookie {
        Objects.requireNonNull(cookie, "cookie");
        if (cookie.isEmpty()) {
            throw new IllegalArgumentException("a cookie must not be empty");
        }
    }

    public static Cookie decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        Bytes cookie = Vectors.opaque16(r, 1, "cookie.cookie");
        r.expectEnd("cookie");
        return new Cookie(cookie);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter(2 + cookie.length());
        w.prefixed16(cookie::writeTo);
        return new Extension(ExtensionType.COOKIE, Bytes.wrap(w.toByteArray()));
    }
}
