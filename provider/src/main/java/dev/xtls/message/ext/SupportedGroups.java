package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.List;

/**
 * supported_groups, formerly elliptic_curves (RFC 8422 §5.1.1, RFC 7919 §2), in preference order:
 * <pre>
 * struct { NamedGroup named_group_list&lt;2..2^16-1&gt;; } NamedGroupList;
 * </pre>
 */
public record SupportedGroups(List<NamedGroup> groups) {
    public SupportedGroups {
        groups = List.copyOf(groups);
    }

    public static SupportedGroups decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        List<NamedGroup> groups = Vectors.u16List(r, 2, "supported_groups.named_group_list", NamedGroup::of);
        r.expectEnd("supported_groups");
        return new SupportedGroups(groups);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> groups.forEach(g -> list.u16(g.code())));
        return new Extension(ExtensionType.SUPPORTED_GROUPS, Bytes.wrap(w.toByteArray()));
    }
}
