package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * CertificateVerify, TLS 1.2 form (RFC 5246 §7.4.8): a signature over all handshake messages so far.
 * <pre>
 * struct {
 *     digitally-signed struct { opaque handshake_messages[handshake_messages_length]; }
 * } CertificateVerify;
 * // on the wire: SignatureAndHashAlgorithm algorithm; opaque signature&lt;0..2^16-1&gt;;
 * </pre>
 * TLS 1.3 (RFC 8446 §4.4.3) has the same wire shape, {@code SignatureScheme algorithm; opaque
 * signature<0..2^16-1>;}, over a context string and the transcript hash instead: this record serves both.
 */
public record CertificateVerify(SignatureScheme scheme, Bytes signature) implements HandshakeMessage {
    public CertificateVerify {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(signature, "signature");
    }

    public static CertificateVerify decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        DigitallySigned signed = DigitallySigned.decode(r, "CertificateVerify");
        r.expectEnd("CertificateVerify");
        return new CertificateVerify(signed.scheme(), signed.signature());
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        DigitallySigned.encode(w, scheme, signature);
    }
}
