package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.message.Extension;
import dev.xtls.message.HelloRetryRequest;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.KeyShareServerHello;
import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.message.ext.SelectedPsk;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.record.RecordProtection;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.util.Optional;
import java.util.Set;

/**
 * A ServerHello that selected TLS 1.3 (RFC 8446 §4.1.3): checked against the offer, then the (EC)DHE secret and
 * the handshake traffic keys (§7.1) protect everything after it.
 */
public final class Tls13ClientHandshake {
    /** §4.2: the extensions a ServerHello may carry. */
    private static final Set<ExtensionType> SERVER_HELLO_EXTENSIONS = Set.of(ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.KEY_SHARE, ExtensionType.PRE_SHARED_KEY);

    private Tls13ClientHandshake() {
    }

    public static HandshakeState onServerHello(HandshakeContext ctx, Tls13ClientOffer offer, ServerHello hello,
            RawHandshakeMessage message) {
        if (HelloRetryRequest.isHelloRetryRequest(hello)) {
            return ClientHelloRetry.onHelloRetryRequest(ctx, offer, hello, message);
        }
        if (offer.retrySuite() != null && !offer.retrySuite().equals(hello.cipherSuite())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected " + hello.cipherSuite()
                    + " in ServerHello but " + offer.retrySuite() + " in its HelloRetryRequest (RFC 8446 §4.1.4)");
        }
        Optional<Tls13Suite> suite = Tls13Suite.of(hello.cipherSuite());
        if (suite.isEmpty() || !offer.suites().contains(hello.cipherSuite())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected cipher suite "
                    + hello.cipherSuite() + " for TLS 1.3, which the client did not offer (offered "
                    + offer.suites() + ")");
        }
        if (!hello.version().equals(ProtocolVersion.TLS12)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.legacy_version is "
                    + hello.version() + "; a TLS 1.3 server sends 0x0303 (RFC 8446 §4.1.3)");
        }
        if (!hello.sessionId().equals(offer.sessionId())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello.legacy_session_id_echo does"
                    + " not echo the client's legacy_session_id (RFC 8446 §4.1.3)");
        }
        if (hello.compressionMethod() != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                    "ServerHello.legacy_compression_method is " + hello.compressionMethod() + ", not 0");
        }
        for (Extension e : hello.extensions().list()) {
            if (!offer.offered(e.type())) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "server sent extension " + e.type()
                        + ", which the client did not offer (RFC 8446 §4.2)");
            }
            if (!SERVER_HELLO_EXTENSIONS.contains(e.type())) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server sent extension " + e.type()
                        + " in a TLS 1.3 ServerHello, where it is not allowed (RFC 8446 §4.2)");
            }
        }
        SessionState ticket = resumedTicket(offer, hello);
        Optional<Extension> keyShare = hello.extensions().find(ExtensionType.KEY_SHARE);
        byte[] shared = null; // psk_ke: no (EC)DHE (§4.2.9)
        try {
            if (keyShare.isPresent()) {
                shared = agree(ctx, offer, KeyShareServerHello.decode(keyShare.get().data()), ticket != null);
            } else if (ticket == null || !ClientPsk.offered(ctx.config(), PskKeyExchangeModes.PSK_KE)) {
                throw new TlsException(AlertDescription.MISSING_EXTENSION, "the TLS 1.3 ServerHello has no"
                        + " key_share, " + (ticket == null ? "and selects no PSK (RFC 8446 §4.2.8)"
                        : "but the client did not offer psk_ke (RFC 8446 §4.2.9)"));
            }
        } finally {
            offer.share().destroy();
        }
        ctx.received(message);
        ctx.output().versionNegotiated(ProtocolVersion.TLS13);
        Tls13Secrets secrets = Tls13Secrets.afterServerHello(ctx, suite.get(),
                ticket == null ? null : ticket.masterSecret(), shared);
        ctx.output().installReadProtection(secrets.serverHandshakeProtection(ctx));
        RecordProtection clientHandshake = secrets.clientHandshakeProtection(ctx);
        if (offer.sessionId().isEmpty() || offer.changeCipherSpecSent()) {
            ctx.output().installWriteProtection(clientHandshake);
        } else {
            // Appendix D.4: middlebox compatibility mode, a dummy ChangeCipherSpec before the second flight
            ctx.output().changeCipherSpecBeforeNextFlight(clientHandshake);
        }
        SessionState session = ctx.session().withNegotiated(Bytes.EMPTY, ProtocolVersion.TLS13,
                hello.cipherSuite()).withKeyExchange(keyShare.isPresent() ? offer.share().group() : null, null);
        if (ticket != null) { // the resumed session's certificates, as the ticket kept them
            session = session.withPeerCertificates(ticket.peerCertificates())
                    .withLocalCertificates(ticket.localCertificates(), ticket.localAlias());
        }
        ctx.updateSession(session);
        return new ExpectEncryptedExtensions(new Tls13ClientNegotiated(offer, secrets, null, ticket != null));
    }

    /** §4.2.8: the (EC)DHE shared secret with the server's share, which must be for the group we sent. */
    private static byte[] agree(HandshakeContext ctx, Tls13ClientOffer offer, KeyShareServerHello share,
            boolean resumed) {
        if (resumed && !ClientPsk.offered(ctx.config(), PskKeyExchangeModes.PSK_DHE_KE)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the server resumes with a key_share, but"
                    + " the client offered psk_ke only (RFC 8446 §4.2.9)");
        }
        if (!share.serverShare().group().equals(offer.share().group())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server's key_share is for "
                    + share.serverShare().group() + ", but the client sent one for " + offer.share().group()
                    + " only (RFC 8446 §4.2.8)");
        }
        return offer.share().agree(share.serverShare().keyExchange().toByteArray());
    }

    /** §4.2.11: the offered ticket, if the server selected it; it must be identity 0 and the suite its hash's. */
    private static SessionState resumedTicket(Tls13ClientOffer offer, ServerHello hello) {
        Optional<Extension> selected = hello.extensions().find(ExtensionType.PRE_SHARED_KEY);
        if (selected.isEmpty()) {
            return null;
        }
        int index = SelectedPsk.decode(selected.get().data()).selectedIdentity();
        if (offer.ticket() == null || index != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected PSK identity " + index
                    + ", but the client offered " + (offer.ticket() == null ? "none" : "one") + " (RFC 8446 §4.2.11)");
        }
        if (!ClientPsk.sameHash(offer.ticket().cipherSuite(), hello.cipherSuite())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server resumes a " + offer.ticket()
                    .cipherSuite() + " ticket with " + hello.cipherSuite() + ", whose hash differs (RFC 8446 §4.2.11)");
        }
        return offer.ticket();
    }
}
