package dev.xtls.message.ext;

import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * One offered or chosen key share (RFC 8446 §4.2.8); the key_exchange format depends on the group
 * (§4.2.8.1, §4.2.8.2) and is checked by the key exchange, not here.
 * <pre>
 * struct {
 *     NamedGroup group;
 *     opaque key_exchange&lt;1..2^16-1&gt;;
 * } KeyShareEntry;
 * </pre>
 */
public record KeyShareEntry(NamedGroup group, Bytes keyExchange) {
    public KeyShareEntry {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(keyExchange, "keyExchange");
    }

    static KeyShareEntry decode(TlsReader r, String field) {
        NamedGroup group = NamedGroup.of(Vectors.u16(r, field + ".group"));
        Bytes keyExchange = Vectors.opaque16(r, 1, field + ".key_exchange");
        return new KeyShareEntry(group, keyExchange);
    }

    void encode(TlsWriter w) {
        w.u16(group.code());
        w.prefixed16(keyExchange::writeTo);
    }
}
