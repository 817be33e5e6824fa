package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * application_layer_protocol_negotiation (RFC 7301 §3.1); the server's answer holds exactly one name.
 * <pre>
 * opaque ProtocolName&lt;1..2^8-1&gt;;
 * struct { ProtocolName protocol_name_list&lt;2..2^16-1&gt; } ProtocolNameList;
 * </pre>
 * Names are byte strings; they are mapped to {@code String} as ISO-8859-1 so any bytes round-trip (the JSSE
 * convention for {@code SSLParameters#setApplicationProtocols}).
 */
public record AlpnProtocols(List<String> protocols) {
    public AlpnProtocols {
        protocols = List.copyOf(protocols);
        for (String p : protocols) {
            if (p.chars().anyMatch(c -> c > 0xFF)) {
                throw new IllegalArgumentException("protocol name is not a byte string: " + p);
            }
        }
    }

    public static AlpnProtocols of(String... protocols) {
        return new AlpnProtocols(List.of(protocols));
    }

    public static AlpnProtocols decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader list = Vectors.sub16(r, 2, "alpn.protocol_name_list");
        r.expectEnd("alpn");
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) {
            Bytes name = Vectors.opaque8(list, 1, 255, "alpn.protocol_name_list[" + names.size() + "]");
            names.add(new String(name.toByteArray(), StandardCharsets.ISO_8859_1));
        }
        return new AlpnProtocols(names);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> protocols.forEach(p -> list.opaque8(p.getBytes(StandardCharsets.ISO_8859_1))));
        return new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, Bytes.wrap(w.toByteArray()));
    }
}
