package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.keys.MessageHash;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.Cookie;
import dev.xtls.message.ext.KeyShareHelloRetryRequest;
import dev.xtls.record.PlaintextProtection;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client's answer to a HelloRetryRequest (RFC 8446 §4.1.4): the same ClientHello with a key share for the
 * selected group and the cookie echoed (§4.2.2); the transcript restarts from message_hash (§4.4.1). Once.
 */
final class ClientHelloRetry {
    /** §4.1.4: a HelloRetryRequest carries supported_versions, and key_share or cookie, nothing else we offer. */
    private static final Set<ExtensionType> ALLOWED = Set.of(ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.KEY_SHARE, ExtensionType.COOKIE);

    private ClientHelloRetry() {
    }

    static HandshakeState onHelloRetryRequest(HandshakeContext ctx, Tls13ClientOffer offer, ServerHello retry,
            RawHandshakeMessage message) {
        if (offer.retrySuite() != null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "received a second HelloRetryRequest in one handshake (RFC 8446 §4.1.4)");
        }
        Optional<Tls13Suite> suite = Tls13Suite.of(retry.cipherSuite());
        if (suite.isEmpty() || !offer.suites().contains(retry.cipherSuite())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest selects cipher suite "
                    + retry.cipherSuite() + ", which the client did not offer (offered " + offer.suites() + ")");
        }
        if (!retry.sessionId().equals(offer.sessionId()) || retry.compressionMethod() != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest does not echo the"
                    + " legacy_session_id or names a compression method (RFC 8446 §4.1.4)");
        }
        for (Extension e : retry.extensions().list()) {
            if (!ALLOWED.contains(e.type())) {
                throw new TlsException(offer.offered(e.type()) ? AlertDescription.ILLEGAL_PARAMETER
                        : AlertDescription.UNSUPPORTED_EXTENSION, "HelloRetryRequest carries extension " + e.type()
                        + ", which it may not (RFC 8446 §4.1.4)");
            }
        }
        Optional<NamedGroup> group = retry.extensions().find(ExtensionType.KEY_SHARE)
                .map(e -> KeyShareHelloRetryRequest.decode(e.data()).selectedGroup());
        Optional<Cookie> cookie = retry.extensions().find(ExtensionType.COOKIE).map(e -> Cookie.decode(e.data()));
        NamedGroup current = offer.share().group();
        if (group.isPresent() && (!offer.groups().contains(group.get()) || group.get().equals(current))) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest asks for a key share for "
                    + group.get() + ", which is " + (group.get().equals(current) ? "the one already sent"
                    : "not among the client's groups " + offer.groups()) + " (RFC 8446 §4.2.8)");
        }
        if (group.isEmpty() && cookie.isEmpty()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest would not change the"
                    + " ClientHello: it has neither key_share nor cookie (RFC 8446 §4.1.4)");
        }
        ctx.transcript().restartWith(MessageHash.replacing(ctx.crypto(), suite.get().hash(),
                offer.hello().encode()));
        ctx.received(message);
        KeyShare share = offer.share();
        if (group.isPresent()) {
            share.destroy();
            share = ctx.crypto().generateKeyShare(group.get());
        }
        // §4.1.4: the PSK stays if its hash is the retry suite's, with a binder over the new transcript (§4.2.11.2)
        SessionState ticket = ClientPsk.keepAfterRetry(offer.ticket(), retry.cipherSuite()) ? offer.ticket() : null;
        ClientHello second = secondHello(offer.hello(), share, cookie, ticket != null);
        if (ticket != null) {
            second = ClientPsk.bind(ctx, second, ticket);
        }
        boolean ccs = !offer.sessionId().isEmpty();
        if (ccs) {
            // Appendix D.4: the dummy ChangeCipherSpec goes just before the client's second flight
            ctx.output().changeCipherSpec(PlaintextProtection.INSTANCE);
        }
        ctx.send(second);
        return new ExpectServerHelloAfterRetry(offer.retried(second, share, retry.cipherSuite(), ccs, ticket));
    }

    /** §4.1.2: the first ClientHello with the new key share, and the cookie if the server sent one. */
    private static ClientHello secondHello(ClientHello first, KeyShare share, Optional<Cookie> cookie,
            boolean keepPsk) {
        List<Extension> ext = new ArrayList<>();
        for (Extension e : first.extensions().list()) {
            if (ClientPsk.isPsk(e) && !keepPsk) {
                continue;
            }
            ext.add(e.type().equals(ExtensionType.KEY_SHARE) ? Tls13ClientHello.keyShare(share) : e);
            if (e.type().equals(ExtensionType.KEY_SHARE)) {
                cookie.ifPresent(c -> ext.add(c.toExtension()));
            }
        }
        return new ClientHello(first.legacyVersion(), first.random(), first.sessionId(), first.cipherSuites(),
                first.compressionMethods(), new Extensions(ext));
    }
}
