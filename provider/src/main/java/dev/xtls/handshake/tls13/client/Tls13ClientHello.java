package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;

/** The parts of a ClientHello that offer TLS 1.3 (RFC 8446 §4.1.2, §4.2.1, §4.2.8). */
public final class Tls13ClientHello {
    private Tls13ClientHello() {
    }

    /** The enabled TLS 1.3 suites this implementation has, in the configured order. */
    public static List<CipherSuite> suites(HandshakeContext ctx) {
        return ctx.config().cipherSuites().stream().filter(Tls13Suite::isTls13).toList();
    }

    /** supported_versions: 1.3, then 1.2 when it is enabled too (§4.2.1: in preference order). */
    public static Extension supportedVersions(boolean tls12) {
        List<ProtocolVersion> versions = new ArrayList<>(List.of(ProtocolVersion.TLS13));
        if (tls12) {
            versions.add(ProtocolVersion.TLS12);
        }
        return new SupportedVersions(versions).toExtension();
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
