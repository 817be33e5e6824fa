package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.client.Tls13ClientHandshake;
import dev.xtls.handshake.tls13.client.Tls13ClientOffer;
import dev.xtls.message.DowngradeSentinel;
import dev.xtls.message.Extension;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.util.Optional;

/** Where a client that offered TLS 1.3 learns the version once (RFC 8446 §4.2.1) and hands over to its states. */
final class Tls13Handover {
    private Tls13Handover() {
    }

    /** A ServerHello with supported_versions: it must select TLS 1.3 (§4.2.1), whose states take over. */
    static HandshakeState onServerHello(HandshakeContext ctx, Tls13ClientOffer offer, ServerHello hello,
            RawHandshakeMessage message, Extension supportedVersions) {
        ProtocolVersion version = SelectedVersion.decode(supportedVersions.data()).version();
        if (!version.equals(ProtocolVersion.TLS13)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server's supported_versions selects "
                    + version + "; only " + ProtocolVersion.TLS13 + " may be selected that way (RFC 8446 §4.2.1)");
        }
        return Tls13ClientHandshake.onServerHello(ctx, offer, hello, message);
    }

    /**
     * A ServerHello without supported_versions negotiates TLS 1.2: the key share is dropped, and §4.1.3 a TLS 1.3
     * capable server that negotiates an older version says so in ServerHello.random.
     */
    static void onTls12ServerHello(Tls13ClientOffer offer, ServerHello hello) {
        offer.share().destroy();
        Optional<DowngradeSentinel> sentinel = DowngradeSentinel.find(hello.random());
        if (sentinel.isPresent()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the server negotiated " + hello.version()
                    + " but its ServerHello.random ends with the TLS 1.3 downgrade sentinel " + sentinel.get()
                    + ": an attacker may have removed TLS 1.3 from the ClientHello (RFC 8446 §4.1.3)");
        }
    }
}
