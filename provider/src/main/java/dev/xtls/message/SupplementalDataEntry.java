package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * One entry of a SupplementalData message (RFC 4680 §2); the data stays opaque here, its syntax belongs to the
 * document that defines the type (RFC 4681 §3: user_mapping_data(0) carries a {@link UserMappingDataList}).
 * <pre>
 * struct {
 *     SupplementalDataType supp_data_type;     // enum { (65535) }
 *     uint16 supp_data_length;
 *     select(SupplementalDataType) { } ;
 * } SupplementalDataEntry;
 * </pre>
 */
public record SupplementalDataEntry(int dataType, Bytes data) {
    /** user_mapping_data (RFC 4681 §3). */
    public static final int USER_MAPPING_DATA = 0;

    public SupplementalDataEntry {
        if (dataType < 0 || dataType > 0xFFFF) {
            throw new IllegalArgumentException("SupplementalDataType out of range: " + dataType);
        }
        Objects.requireNonNull(data, "data");
        if (data.length() > 0xFFFF) {
            throw new IllegalArgumentException("supp_data of " + data.length() + " bytes exceeds 2^16-1");
        }
    }

    public static SupplementalDataEntry decode(TlsReader r) {
        int type = Vectors.u16(r, "SupplementalDataEntry.supp_data_type");
        Bytes data = Vectors.opaque16(r, 0, "SupplementalDataEntry.supp_data of type " + type);
        return new SupplementalDataEntry(type, data);
    }

    public void encode(TlsWriter w) {
        w.u16(dataType);
        w.prefixed16(data::writeTo);
    }
}
