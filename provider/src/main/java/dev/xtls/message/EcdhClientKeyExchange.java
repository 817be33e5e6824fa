package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ClientKeyExchange for ECDHE suites (RFC 8422 §5.7); the implicit (empty) encoding is deprecated, so the
 * point is required:
 * <pre>
 * struct { opaque point &lt;1..2^8-1&gt;; } ECPoint;
 * struct { ECPoint ecdh_Yc; } ClientECDiffieHellmanPublic;
 * </pre>
 */
public record EcdhClientKeyExchange(Bytes publicValue) implements HandshakeMessage {
    public EcdhClientKeyExchange {
        Objects.requireNonNull(publicValue, "publicValue");
    }

    public static EcdhClientKeyExchange decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Bytes point = Vectors.opaque8(r, 1, 255, "ClientECDiffieHellmanPublic.ecdh_Yc");
        r.expectEnd("ClientKeyExchange");
        return new EcdhClientKeyExchange(point);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed8(publicValue::writeTo);
    }
}
