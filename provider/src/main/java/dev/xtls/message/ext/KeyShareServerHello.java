package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * key_share in the ServerHello (RFC 8446 §4.2.8): the server's share, in a group the client offered.
 * <pre>
 * struct {
 *     KeyShareEntry server_share;
 * } KeyShareServerHello;
 * </pre>
 */
public record KeyShareServerHello(KeyShareEntry serverShare) {
    public KeyShareServerHello {
        Objects.requireNonNull(serverShare, "serverShare");
    }

    public static KeyShareServerHello decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        KeyShareEntry share = KeyShareEntry.decode(r, "key_share.server_share");
        r.expectEnd("key_share");
        return new KeyShareServerHello(share);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        serverShare.encode(w);
        return new Extension(ExtensionType.KEY_SHARE, Bytes.wrap(w.toByteArray()));
    }
}
