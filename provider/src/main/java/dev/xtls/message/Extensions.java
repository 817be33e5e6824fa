package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The extensions block of a hello, in wire order (RFC 5246 §7.4.1.2):
 * <pre>
 * Extension extensions&lt;0..2^16-1&gt;;
 * </pre>
 * "There MUST NOT be more than one extension of the same type" (§7.4.1.4): {@link #decode} enforces it; the
 * constructor does not, so tests can build a misbehaving peer.
 */
public record Extensions(List<Extension> list) {
    public static final Extensions EMPTY = new Extensions(List.of());

    public Extensions {
        list = List.copyOf(list);
    }

    public static Extensions of(Extension... extensions) {
        return new Extensions(List.of(extensions));
    }

    /** Reads the whole block, including its uint16 length. */
    public static Extensions decode(TlsReader r) {
        TlsReader block = Vectors.sub16(r, 0, "extensions");
        List<Extension> out = new ArrayList<>();
        Set<ExtensionType> seen = new HashSet<>();
        while (block.hasRemaining()) {
            Extension e = Extension.decode(block);
            if (!seen.add(e.type())) {
                // well-formed but not allowed: illegal_parameter (RFC 8446 §6.2), as OpenSSL answers
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                        "extensions: duplicate " + e.type() + " extension");
            }
            out.add(e);
        }
        return new Extensions(out);
    }

    /** Writes the block, including its uint16 length. */
    public void encode(TlsWriter w) {
        w.prefixed16(body -> list.forEach(e -> e.encode(body)));
    }

    public Optional<Extension> find(ExtensionType type) {
        Extension e = get(type);
        return e == null ? Optional.empty() : Optional.of(e);
    }

    public boolean has(ExtensionType type) {
        return get(type) != null;
    }

    /** A plain loop, not a stream: every hello looks up a dozen types in each block it reads or writes. */
    private Extension get(ExtensionType type) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Extension e = list.get(i);
            if (e.type().equals(type)) {
                return e;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<ExtensionType> types() {
        return list.stream().map(Extension::type).toList();
    }
}
