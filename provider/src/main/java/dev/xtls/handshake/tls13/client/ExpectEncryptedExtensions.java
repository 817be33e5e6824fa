package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RecordSizeNegotiation;
import dev.xtls.message.EncryptedExtensions;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.util.List;
import java.util.Set;

/** Waits for EncryptedExtensions (RFC 8446 §4.3.1): only extensions offered and allowed there (§4.2). */
record ExpectEncryptedExtensions(Tls13ClientNegotiated negotiated) implements Tls13ClientState {
    /** §4.2 table, "EE" column, of those this client may offer; record_size_limit per RFC 8449 §4. */
    private static final Set<ExtensionType> ALLOWED = Set.of(ExtensionType.SERVER_NAME,
            ExtensionType.MAX_FRAGMENT_LENGTH, ExtensionType.SUPPORTED_GROUPS,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.EARLY_DATA,
            ExtensionType.RECORD_SIZE_LIMIT);

    @Override
    public String expecting() {
        return "EncryptedExtensions";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.ENCRYPTED_EXTENSIONS)) {
            throw unexpected(message);
        }
        EncryptedExtensions ee = EncryptedExtensions.decode(message.body());
        ctx.encryptedExtensions(ee);
        String alpn = "";
        for (Extension e : ee.extensions().list()) {
            if (!negotiated.offer().offered(e.type())) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "server sent extension " + e.type()
                        + " in EncryptedExtensions, which the client did not offer (RFC 8446 §4.2)");
            }
            if (!ALLOWED.contains(e.type())) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server sent extension " + e.type()
                        + " in EncryptedExtensions, where it is not allowed (RFC 8446 §4.2)");
            }
            if (e.type().equals(ExtensionType.SERVER_NAME)) {
                ServerNameList.checkServerAck(e.data());
            }
            if (e.type().equals(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION)) {
                alpn = selectedProtocol(AlpnProtocols.decode(e.data()).protocols());
            }
        }
        ctx.received(message);
        ctx.output().recordSizeLimits(RecordSizeNegotiation.accept(ctx.config().recordSizes(), true, ee.extensions(),
                true));
        ctx.updateSession(ctx.session().withApplicationProtocol(alpn));
        // §2.2: a resumed handshake goes on to Finished, the PSK authenticates the server
        return negotiated.resumed() ? new ExpectServerFinished(negotiated) : new ExpectServerCertificate(negotiated);
    }

    /** RFC 7301 §3.1: exactly one protocol, one the client offered. */
    private String selectedProtocol(List<String> chosen) {
        if (chosen.size() != 1) {
            throw new TlsException(AlertDescription.DECODE_ERROR,
                    "server's ALPN answer names " + chosen.size() + " protocols; it must name exactly one");
        }
        if (!negotiated.offer().alpn().contains(chosen.get(0))) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server chose application protocol \""
                    + chosen.get(0) + "\", which the client did not offer " + negotiated.offer().alpn());
        }
        return chosen.get(0);
    }
}
