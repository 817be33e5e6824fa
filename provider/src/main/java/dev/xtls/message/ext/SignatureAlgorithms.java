package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.List;

/**
 * signature_algorithms (RFC 5246 §7.4.1.4.1), also the shape of signature_algorithms_cert (RFC 8446 §4.2.3):
 * <pre>
 * SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;;
 * </pre>
 */
public record SignatureAlgorithms(List<SignatureScheme> schemes) {
    public SignatureAlgorithms {
        schemes = List.copyOf(schemes);
    }

    public static SignatureAlgorithms decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        List<SignatureScheme> schemes = Vectors.u16List(r, 2, "signature_algorithms.supported_signature_algorithms",
                SignatureScheme::of);
        r.expectEnd("signature_algorithms");
        return new SignatureAlgorithms(schemes);
    }

    public Extension toExtension() {
        return toExtension(ExtensionType.SIGNATURE_ALGORITHMS);
    }

    /** As {@code signature_algorithms} or {@code signature_algorithms_cert}. */
    public Extension toExtension(ExtensionType type) {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> schemes.forEach(s -> list.u16(s.code())));
        return new Extension(type, Bytes.wrap(w.toByteArray()));
    }
}
