package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * key_share in a HelloRetryRequest (RFC 8446 §4.2.8): the group the client must send a share for next.
 * <pre>
 * struct {
 *     NamedGroup selected_group;
 * } KeyShareHelloRetryRequest;
 * </pre>
 */
public record KeyShareHelloRetryRequest(NamedGroup selectedGroup) {
    public KeyShareHelloRetryRequest {
        Objects.requireNonNull(selectedGroup, "selectedGroup");
    }

    public static KeyShareHelloRetryRequest decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        NamedGroup group = NamedGroup.of(Vectors.u16(r, "key_share.selected_group"));
        r.expectEnd("key_share");
        return new KeyShareHelloRetryRequest(group);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.KEY_SHARE,
                Bytes.wrap(new TlsWriter(2).u16(selectedGroup.code()).toByteArray()));
    }
}
