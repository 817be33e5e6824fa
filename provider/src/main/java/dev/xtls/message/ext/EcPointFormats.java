package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ec_point_formats (RFC 8422 §5.1.2); only uncompressed points are used, but a peer may list more:
 * <pre>
 * enum { uncompressed (0), deprecated (1..2), reserved (248..255) } ECPointFormat;
 * struct { ECPointFormat ec_point_format_list&lt;1..2^8-1&gt; } ECPointFormatList;
 * </pre>
 */
public record EcPointFormats(Bytes formats) {
    public static final int UNCOMPRESSED = 0;
    public static final EcPointFormats ONLY_UNCOMPRESSED = new EcPointFormats(Bytes.of(new byte[] {UNCOMPRESSED}));

    public EcPointFormats {
        Objects.requireNonNull(formats, "formats");
    }

    public static EcPointFormats decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        Bytes formats = Vectors.opaque8(r, 1, 255, "ec_point_formats.ec_point_format_list");
        r.expectEnd("ec_point_formats");
        return new EcPointFormats(formats);
    }

    /** If the extension is sent, it must contain uncompressed (RFC 8422 §5.1.2). */
    public boolean includesUncompressed() {
        for (int i = 0; i < formats.length(); i++) {
            if (formats.get(i) == UNCOMPRESSED) {
                return true;
            }
        }
        return false;
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed8(formats::writeTo);
        return new Extension(ExtensionType.EC_POINT_FORMATS, Bytes.wrap(w.toByteArray()));
    }
}
