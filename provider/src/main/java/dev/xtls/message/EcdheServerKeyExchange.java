package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ServerKeyExchange for ECDHE_ECDSA and ECDHE_RSA, TLS 1.2 (RFC 8422 §5.4):
 * <pre>
 * struct { ECCurveType curve_type; select (curve_type) { case named_curve: NamedCurve namedcurve; }; } ECParameters;
 * struct { opaque point &lt;1..2^8-1&gt;; } ECPoint;
 * struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
 * struct { ServerECDHParams params; Signature signed_params; } ServerKeyExchange;  // digitally-signed
 * </pre>
 * The signature covers client_random + server_random + {@link #encodeParams()}.
 */
public record EcdheServerKeyExchange(NamedGroup group, Bytes publicValue, SignatureScheme scheme, Bytes signature)
        implements HandshakeMessage {
    /** ECCurveType named_curve; explicit_prime(1) and explicit_char2(2) are deprecated (RFC 8422 §5.4). */
    public static final int NAMED_CURVE = 3;

    public EcdheServerKeyExchange {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(publicValue, "publicValue");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(signature, "signature");
    }

    public static EcdheServerKeyExchange decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        int curveType = Vectors.u8(r, "ServerECDHParams.curve_type");
        if (curveType != NAMED_CURVE) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerECDHParams.curve_type " + curveType
                    + (curveType == 1 || curveType == 2 ? ": explicit curves are deprecated" : " is unknown")
                    + ", only named_curve(3) is allowed (RFC 8422 §5.4)");
        }
        NamedGroup group = NamedGroup.of(Vectors.u16(r, "ServerECDHParams.namedcurve"));
        Bytes point = Vectors.opaque8(r, 1, 255, "ServerECDHParams.public");
        DigitallySigned signed = DigitallySigned.decode(r, "ServerKeyExchange");
        r.expectEnd("ServerKeyExchange");
        return new EcdheServerKeyExchange(group, point, signed.scheme(), signed.signature());
    }

    /** The ServerECDHParams bytes, as signed. */
    public byte[] encodeParams() {
        TlsWriter w = new TlsWriter();
        writeParams(w);
        return w.toByteArray();
    }

    private void writeParams(TlsWriter w) {
        w.u8(NAMED_CURVE);
        w.u16(group.code());
        w.prefixed8(publicValue::writeTo);
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
