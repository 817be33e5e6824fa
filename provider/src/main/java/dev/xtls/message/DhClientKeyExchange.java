package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ClientKeyExchange for DHE suites, explicit encoding (RFC 5246 §7.4.7.2):
 * <pre>
 * struct { select (PublicValueEncoding) { case explicit: opaque dh_Yc&lt;1..2^16-1&gt;; } dh_public; }
 *     ClientDiffieHellmanPublic;
 * </pre>
 */
public record DhClientKeyExchange(Bytes yc) implements HandshakeMessage {
    public DhClientKeyExchange {
        Objects.requireNonNull(yc, "yc");
    }

    public static DhClientKeyExchange decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Bytes yc = Vectors.opaque16(r, 1, "ClientDiffieHellmanPublic.dh_Yc");
        r.expectEnd("ClientKeyExchange");
        return new DhClientKeyExchange(yc);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed16(yc::writeTo);
    }
}
