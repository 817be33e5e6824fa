package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * renegotiation_info (RFC 5746 §3.2): empty on the initial handshake, the previous verify_data on a
 * renegotiation.
 * <pre>
 * struct { opaque renegotiated_connection&lt;0..255&gt;; } RenegotiationInfo;
 * </pre>
 */
public record RenegotiationInfo(Bytes renegotiatedConnection) {
    /** The initial handshake's value: renegotiated_connection is empty. */
    public static final RenegotiationInfo INITIAL = new RenegotiationInfo(Bytes.EMPTY);

    public RenegotiationInfo {
        Objects.requireNonNull(renegotiatedConnection, "renegotiatedConnection");
    }

    public static RenegotiationInfo decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        Bytes connection = Vectors.opaque8(r, 0, 255, "renegotiation_info.renegotiated_connection");
        r.expectEnd("renegotiation_info");
        return new RenegotiationInfo(connection);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed8(renegotiatedConnection::writeTo);
        return new Extension(ExtensionType.RENEGOTIATION_INFO, Bytes.wrap(w.toByteArray()));
    }
}
