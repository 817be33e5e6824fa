package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;

/** After the second ClientHello (RFC 8446 §4.1.4): the ServerHello must select TLS 1.3 and the same suite. */
record ExpectServerHelloAfterRetry(Tls13ClientOffer offer) implements Tls13ClientState {
    @Override
    public String expecting() {
        return "ServerHello after HelloRetryRequest";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.SERVER_HELLO)) {
            throw unexpected(message);
        }
        ServerHello hello = ServerHello.decode(message.body());
        ctx.serverHello(hello);
        ProtocolVersion version = hello.extensions().find(ExtensionType.SUPPORTED_VERSIONS)
                .map(e -> SelectedVersion.decode(e.data()).version()).orElse(hello.version());
        if (!version.equals(ProtocolVersion.TLS13)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the ServerHello after a HelloRetryRequest"
                    + " selects " + version + " instead of TLSv1.3 (RFC 8446 §4.1.4)");
        }
        return Tls13ClientHandshake.onServerHello(ctx, offer, hello, message);
    }
}
