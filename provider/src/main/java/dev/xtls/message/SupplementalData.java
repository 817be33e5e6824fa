package dev.xtls.message;

import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SupplementalData (RFC 4680 §2), handshake type 23:
 * <pre>
 * struct {
 *     SupplementalDataEntry supp_data&lt;1..2^24-1&gt;;
 * } SupplementalData;
 * </pre>
 * Each type is agreed on by its own hello extension, so {@link #decode} refuses a type listed twice.
 */
public record SupplementalData(List<SupplementalDataEntry> entries) implements HandshakeMessage {
    public SupplementalData {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("SupplementalData needs at least one entry (RFC 4680 §2)");
        }
    }

    public static SupplementalData decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        TlsReader list = Vectors.sub24(r, 1, "SupplementalData.supp_data");
        r.expectEnd("SupplementalData");
        List<SupplementalDataEntry> entries = new ArrayList<>();
        Set<Integer> types = new HashSet<>();
        while (list.hasRemaining()) {
            SupplementalDataEntry e = SupplementalDataEntry.decode(list);
            if (!types.add(e.dataType())) {
                throw new DecodeException("SupplementalData.supp_data: type " + e.dataType() + " appears twice");
            }
            entries.add(e);
        }
        return new SupplementalData(entries);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SUPPLEMENTAL_DATA;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed24(list -> entries.forEach(e -> e.encode(list)));
    }
}
