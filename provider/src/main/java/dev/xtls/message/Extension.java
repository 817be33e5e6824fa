package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * One hello extension, its data still encoded (RFC 5246 §7.4.1.4):
 * <pre>
 * struct {
 *     ExtensionType extension_type;
 *     opaque extension_data&lt;0..2^16-1&gt;;
 * } Extension;
 * </pre>
 * The typed views live in {@code dev.xtls.message.ext}; unknown types (GREASE, RFC 8701) stay opaque.
 */
public record Extension(ExtensionType type, Bytes data) {
    public Extension {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    public static Extension decode(TlsReader r) {
        ExtensionType type = new ExtensionType(Vectors.u16(r, "Extension.extension_type"));
        Bytes data = Vectors.opaque16(r, 0, "extension_data of " + type);
        return new Extension(type, data);
    }

    public void encode(TlsWriter w) {
        w.u16(type.code());
        w.prefixed16(data::writeTo);
    }
}
