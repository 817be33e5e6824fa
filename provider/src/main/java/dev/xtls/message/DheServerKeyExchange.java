package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ServerKeyExchange for DHE_RSA and DHE_DSS, TLS 1.2 (RFC 5246 §7.4.3):
 * <pre>
 * struct { opaque dh_p&lt;1..2^16-1&gt;; opaque dh_g&lt;1..2^16-1&gt;; opaque dh_Ys&lt;1..2^16-1&gt;; } ServerDHParams;
 * struct { ServerDHParams params; digitally-signed struct { ... } signed_params; } ServerKeyExchange;
 * </pre>
 * The signature covers client_random + server_random + {@link #encodeParams()}. Anonymous DH (no signature)
 * is not supported.
 */
public record DheServerKeyExchange(Bytes p, Bytes g, Bytes ys, SignatureScheme scheme, Bytes signature)
        implements HandshakeMessage {
    public DheServerKeyExchange {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(ys, "ys");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(signature, "signature");
    }

    public static DheServerKeyExchange decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Bytes p = Vectors.opaque16(r, 1, "ServerDHParams.dh_p");
        Bytes g = Vectors.opaque16(r, 1, "ServerDHParams.dh_g");
        Bytes ys = Vectors.opaque16(r, 1, "ServerDHParams.dh_Ys");
        DigitallySigned signed = DigitallySigned.decode(r, "ServerKeyExchange");
        r.expectEnd("ServerKeyExchange");
        return new DheServerKeyExchange(p, g, ys, signed.scheme(), signed.signature());
    }

    /** The ServerDHParams bytes, as signed. */
    public byte[] encodeParams() {
        TlsWriter w = new TlsWriter();
        writeParams(w);
        return w.toByteArray();
    }

    private void writeParams(TlsWriter w) {
        w.prefixed16(p::writeTo);
        w.prefixed16(g::writeTo);
        w.prefixed16(ys::writeTo);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        writeParams(w);
        DigitallySigned.encode(w, scheme, signature);
    }
}
