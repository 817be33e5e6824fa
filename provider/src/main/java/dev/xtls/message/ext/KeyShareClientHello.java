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
 * key_share in the ClientHello (RFC 8446 §4.2.8): the shares offered, in preference order; may be empty to ask
 * the server to choose a group with a HelloRetryRequest. "Clients MUST NOT offer multiple KeyShareEntry values
 * for the same group": the handshake checks that (illegal_parameter), not the decoder.
 * <pre>
 * struct {
 *     KeyShareEntry client_shares&lt;0..2^16-1&gt;;
 * } KeyShareClientHello;
 * </pre>
 */
public record KeyShareClientHello(List<KeyShareEntry> shares) {
    public KeyShareClientHello {
        shares = List.copyOf(shares);
    }

    public static KeyShareClientHello decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader list = Vectors.sub16(r, 0, "key_share.client_shares");
        r.expectEnd("key_share");
        List<KeyShareEntry> shares = new ArrayList<>();
        while (list.hasRemaining()) {
            shares.add(KeyShareEntry.decode(list, "key_share.client_shares[" + shares.size() + "]"));
        }
        return new KeyShareClientHello(shares);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(list -> shares.forEach(s -> s.encode(list)));
        return new Extension(ExtensionType.KEY_SHARE, Bytes.wrap(w.toByteArray()));
    }
}
