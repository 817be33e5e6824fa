package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.NamedGroup;
import java.util.List;

/** The parts of a ClientHello that offer TLS 1.3 (RFC 8446 §4.1.2, §4.2.1, §4.2.8). */
public final class Tls13ClientHello {
    private Tls13ClientHello() {
    }

    /** §4.2.8: one share, for the first group of {@code groups}; the caller keeps its private half. */
    public static KeyShare share(HandshakeContext ctx, List<NamedGroup> groups) {
        return ctx.crypto().generateKeyShare(groups.get(0));
    }

    public static Extension keyShare(KeyShare share) {
        return new KeyShareClientHello(List.of(new KeyShareEntry(share.group(), Bytes.wrap(share.publicValue()))))
                .toExtension();
    }
}
