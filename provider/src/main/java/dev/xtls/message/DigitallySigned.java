package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

/**
 * The TLS 1.2 digitally-signed struct (RFC 5246 §4.7, §7.4.1.4.1):
 * <pre>
 * struct {
 *     SignatureAndHashAlgorithm algorithm;
 *     opaque signature&lt;0..2^16-1&gt;;
 * } DigitallySigned;
 * </pre>
 */
record DigitallySigned(SignatureScheme scheme, Bytes signature) {
    static DigitallySigned decode(TlsReader r, String message) {
        SignatureScheme scheme = SignatureScheme.of(Vectors.u16(r, message + ".algorithm"));
        Bytes signature = Vectors.opaque16(r, 0, message + ".signature");
        return new DigitallySigned(scheme, signature);
    }

    static void encode(TlsWriter w, SignatureScheme scheme, Bytes signature) {
        w.u16(scheme.code());
        w.prefixed16(signature::writeTo);
    }
}
