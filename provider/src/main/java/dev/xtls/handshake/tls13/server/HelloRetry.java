package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.keys.MessageHash;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.HelloRetryRequest;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.message.ext.KeyShareHelloRetryRequest;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.record.PlaintextProtection;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.util.List;

/**
 * The server's HelloRetryRequest (RFC 8446 §4.1.4) when the client sent no key share for a group in common: the
 * suite and the group the second ClientHello must bring; once per handshake. No cookie: the server keeps state.
 */
record HelloRetry(Tls13Suite suite, NamedGroup group, ClientHello firstHello) {
    /** RFC 7685: the padding extension's length may change with the ClientHello around it. */
    private static final ExtensionType PADDING = new ExtensionType(21);

    static ExpectSecondClientHello send(HandshakeContext ctx, ClientHello hello, RawHandshakeMessage message,
            Tls13Suite suite, NamedGroup group) {
        // §4.4.1: ClientHello1 is replaced by message_hash in the transcript
        ctx.transcript().restartWith(MessageHash.replacing(ctx.crypto(), suite.hash(), message.encoded()));
        ctx.send(new ServerHello(ProtocolVersion.TLS12, HelloRetryRequest.RANDOM, hello.sessionId(), suite.suite(),
                0, Extensions.of(SelectedVersion.TLS13.toExtension(),
                        new KeyShareHelloRetryRequest(group).toExtension())));
        if (!hello.sessionId().isEmpty()) {
            // Appendix D.4: the dummy ChangeCipherSpec follows the server's first handshake message
            ctx.output().changeCipherSpec(PlaintextProtection.INSTANCE);
        }
        return new ExpectSecondClientHello(new HelloRetry(suite, group, hello));
    }

    /**
     * §4.1.2: the second ClientHello repeats the first except key_share (now one share, for {@link #group}),
     * cookie, early_data and pre_shared_key.
     */
    void checkSecondHello(ClientHello second) {
        List<KeyShareEntry> shares = second.extensions().find(ExtensionType.KEY_SHARE)
                .map(e -> KeyShareClientHello.decode(e.data()).shares()).orElse(List.of());
        if (shares.size() != 1 || !shares.get(0).group().equals(group)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the second ClientHello must carry one key"
                    + " share, for " + group + " as the HelloRetryRequest asked (RFC 8446 §4.1.2)");
        }
        if (!second.sessionId().equals(firstHello.sessionId())
                || !second.cipherSuites().equals(firstHello.cipherSuites())
                || !without(second.extensions()).equals(without(firstHello.extensions()))) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the second ClientHello changes more than"
                    + " key_share, cookie, early_data and pre_shared_key (RFC 8446 §4.1.2)");
        }
    }

    private static List<Extension> without(Extensions extensions) {
        List<ExtensionType> mayChange = List.of(ExtensionType.KEY_SHARE, ExtensionType.COOKIE,
                ExtensionType.EARLY_DATA, ExtensionType.PRE_SHARED_KEY, PADDING);
        return extensions.list().stream().filter(e -> !mayChange.contains(e.type())).toList();
    }
}
