package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

/**
 * record_size_limit (RFC 8449 §4): {@code uint16 RecordSizeLimit;} the largest record plaintext the sender of the
 * extension accepts; in TLS 1.3 it counts the content type byte and padding too.
 */
public record RecordSizeLimit(int limit) {
    /** RFC 8449 §4: smaller values are illegal_parameter. */
    public static final int MIN = 64;

    public RecordSizeLimit {
        if (limit < MIN || limit > 0xFFFF) {
            throw new IllegalArgumentException("record_size_limit " + limit + " is not in 64..65535");
        }
    }

    public static RecordSizeLimit decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        int limit = Vectors.u16(r, "record_size_limit");
        r.expectEnd("record_size_limit");
        if (limit < MIN) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "record_size_limit " + limit
                    + " is below the minimum of 64 (RFC 8449 §4)");
        }
        return new RecordSizeLimit(limit);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.RECORD_SIZE_LIMIT, Bytes.wrap(new TlsWriter(2).u16(limit).toByteArray()));
    }
}
