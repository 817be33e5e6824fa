package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * user_mapping (RFC 4681 §2): in ClientHello the hint types the client can send, in ServerHello the ones the
 * server prefers, a subset of the client's.
 * <pre>
 * struct { UserMappingType user_mapping_types&lt;1..2^8-1&gt;; } UserMappingTypeList;
 * </pre>
 */
public record UserMappingTypeList(List<Integer> types) {
    public UserMappingTypeList {
        types = List.copyOf(types);
        if (types.isEmpty() || types.size() > 0xFF) {
            throw new IllegalArgumentException("user_mapping_types must list 1 to 255 types, not " + types.size());
        }
        for (int t : types) {
            if (t < 0 || t > 0xFF) {
                throw new IllegalArgumentException("UserMappingType out of range: " + t);
            }
        }
    }

    public static UserMappingTypeList of(Integer... types) {
        return new UserMappingTypeList(List.of(types));
    }

    public static UserMappingTypeList decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        Bytes types = Vectors.opaque8(r, 1, 255, "user_mapping.user_mapping_types");
        r.expectEnd("user_mapping");
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < types.length(); i++) {
            out.add(types.get(i));
        }
        return new UserMappingTypeList(out);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed8(list -> types.forEach(list::u8));
        return new Extension(ExtensionType.USER_MAPPING, Bytes.wrap(w.toByteArray()));
    }
}
