package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

/**
 * pre_shared_key in the ServerHello (RFC 8446 §4.2.11): the zero-based index of the identity the server took;
 * an index past the client's list is the handshake's illegal_parameter.
 * <pre>
 * struct {
 *     select (Handshake.msg_type) {
 *         case server_hello: uint16 selected_identity;
 *     };
 * } PreSharedKeyExtension;
 * </pre>
 */
public record SelectedPsk(int selectedIdentity) {
    public SelectedPsk {
        if (selectedIdentity < 0 || selectedIdentity > 0xFFFF) {
            throw new IllegalArgumentException("selected_identity out of uint16 range: " + selectedIdentity);
        }
    }

    public static SelectedPsk decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        int index = Vectors.u16(r, "pre_shared_key.selected_identity");
        r.expectEnd("pre_shared_key");
        return new SelectedPsk(index);
    }

    public Extension toExtension() {
        return new Extension(ExtensionType.PRE_SHARED_KEY,
                Bytes.wrap(new TlsWriter(2).u16(selectedIdentity).toByteArray()));
    }
}
