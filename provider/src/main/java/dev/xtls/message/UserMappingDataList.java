package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The supp_data of a user_mapping_data(0) SupplementalDataEntry (RFC 4681 §3); the hints are in no particular
 * order.
 * <pre>
 * struct {
 *     UserMappingData user_mapping_data_list&lt;1..2^16-1&gt;;
 * } UserMappingDataList;
 * </pre>
 */
public record UserMappingDataList(List<UserMappingData> hints) {
    public UserMappingDataList {
        hints = List.copyOf(hints);
        if (hints.isEmpty()) {
            throw new IllegalArgumentException("UserMappingDataList needs at least one hint (RFC 4681 §3)");
        }
    }

    public static UserMappingDataList decode(Bytes suppData) {
        TlsReader r = TlsReader.of(suppData.toByteArray());
        TlsReader list = Vectors.sub16(r, 1, "UserMappingDataList.user_mapping_data_list");
        r.expectEnd("UserMappingDataList");
        List<UserMappingData> hints = new ArrayList<>();
        while (list.hasRemaining()) {
            hints.add(UserMappingData.decode(list));
        }
        return new UserMappingDataList(hints);
    }

    /** The first hint of {@code mappingType}, if any. */
    public Optional<UserMappingData> find(int mappingType) {
        return hints.stream().filter(h -> h.mappingType() == mappingType).findFirst();
    }

    public Bytes encode() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> hints.forEach(h -> h.encode(list)));
        return Bytes.wrap(w.toByteArray());
    }
}
