package dev.xtls.handshake.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RecordSizeNegotiation;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.Extension;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Waits for ServerHello and checks it only chooses what was offered (RFC 5246 §7.4.1.3); an echo of the offered
 * session id starts the abbreviated handshake, anything else the full one.
 */
record ExpectServerHello(ClientOffer offer) implements ClientState {
    @Override
    public String expecting() {
        return "ServerHello";
    }

    /** The server declined the renegotiation: the connection goes on with the current session. */
    @Override
    public HandshakeState onNoRenegotiation(HandshakeContext ctx) {
        return ctx.renegotiation().isInitial() ? this : new ClientEstablished(ctx.renegotiation());
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.SERVER_HELLO)) {
            throw unexpected(message);
        }
        ServerHello hello = ServerHello.decode(message.body());
        ctx.serverHello(hello);
        Optional<Extension> selected = hello.extensions().find(ExtensionType.SUPPORTED_VERSIONS);
        if (offer.tls13() != null) {
            if (selected.isPresent()) {
                return Tls13Handover.onServerHello(ctx, offer.tls13(), hello, message, selected.get());
            }
            Tls13Handover.onTls12ServerHello(offer.tls13(), hello);
        }
        if (!hello.version().equals(ProtocolVersion.TLS12) || !ctx.config().versions().contains(hello.version())) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, "server selected " + hello.version()
                    + ", but this client enables only " + ctx.config().versions());
        }
        if (!offer.suites().contains(hello.cipherSuite())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected cipher suite "
                    + hello.cipherSuite() + ", which the client did not offer (offered " + offer.suites() + ")");
        }
        if (hello.compressionMethod() != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                    "server selected compression method " + hello.compressionMethod() + "; only null was offered");
        }
        boolean ems = false;
        checkRenegotiationInfo(ctx, hello);
        for (Extension e : hello.extensions().list()) {
            if (!offer.offered(e.type())) {
                // RFC 5246 §7.4.1.4 (RFC 5746 §3.4: renegotiation_info is always offered, as an extension)
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "server sent extension " + e.type()
                        + ", which the client did not offer (offered " + offer.extensionTypes() + ")");
            }
            if (e.type().equals(ExtensionType.EC_POINT_FORMATS)
                    && !EcPointFormats.decode(e.data()).includesUncompressed()) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                        "server's ec_point_formats lacks the uncompressed format (RFC 8422 §5.2)");
            }
            if (e.type().equals(ExtensionType.SERVER_NAME) && !e.data().isEmpty()) {
                throw new TlsException(AlertDescription.DECODE_ERROR, "server's server_name must be empty");
            }
            if (e.type().equals(ExtensionType.SESSION_TICKET) && !e.data().isEmpty()) {
                throw new TlsException(AlertDescription.DECODE_ERROR, "server's SessionTicket extension must be"
                        + " empty (RFC 5077 §3.2)");
            }
            if (e.type().equals(ExtensionType.EXTENDED_MASTER_SECRET)) {
                if (!e.data().isEmpty()) {
                    throw new TlsException(AlertDescription.DECODE_ERROR, "extended_master_secret must be empty");
                }
                ems = true;
            }
        }
        if (ctx.renegotiation().extendedMasterSecret() && !ems) {
            // RFC 7627 §5.4: once a connection used the extended master secret, a renegotiation keeps it
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the server's renegotiation ServerHello"
                    + " lacks extended_master_secret, which the previous handshake on this connection used"
                    + " (RFC 7627)");
        }
        SuiteSpec suite = SuiteSpec.of(hello.cipherSuite()).orElseThrow();
        boolean etm = false;
        if (hello.extensions().has(ExtensionType.ENCRYPT_THEN_MAC)) {
            EncryptThenMac.decode(hello.extensions().find(ExtensionType.ENCRYPT_THEN_MAC).get().data());
            // RFC 7366 §3: it applies to CBC suites only; a server must not send it for others
            etm = suite.isCbc();
        }
        String alpn = selectedProtocol(hello);
        boolean ticketFollows = hello.extensions().has(ExtensionType.SESSION_TICKET);
        ctx.received(message);
        ctx.output().versionNegotiated(hello.version());
        ctx.output().recordSizeLimits(RecordSizeNegotiation.accept(ctx.config().recordSizes(), offer.tls13() != null,
                hello.extensions(), false));
        SessionState offered = offer.resumable();
        if (offered != null && hello.sessionId().equals(offer.sessionId())) {
            ClientState resumed = resume(ctx, offered, hello, suite, ems, etm, alpn);
            return ticketFollows ? new ExpectNewSessionTicket(resumed) : resumed;
        }
        if (!ctx.config().sessionCreation()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the server did not resume the offered"
                    + " session, and this client may not create a new one (session creation is disabled)");
        }
        ctx.updateSession(ctx.session().withNegotiated(hello.sessionId(), hello.version(), hello.cipherSuite())
                .withEncryptThenMac(etm).withApplicationProtocol(alpn));
        return new ExpectServerCertificate(new ClientNegotiated(offer, suite, hello.random(), ems, etm,
                ticketFollows, ClientSupplementalData.agreed(ctx.config().supplementalData(), hello),
                statusAcknowledged(hello)));
    }

    /** RFC 6066 §8: the server's status_request is empty and announces a CertificateStatus (it may still skip it). */
    private static boolean statusAcknowledged(ServerHello hello) {
        Optional<Extension> status = hello.extensions().find(ExtensionType.STATUS_REQUEST);
        if (status.isPresent() && !status.get().data().isEmpty()) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "the server's status_request must be empty"
                    + " (RFC 6066 §8)");
        }
        return status.isPresent();
    }

    /**
     * The server echoed the offered session id: an abbreviated handshake (RFC 5246 §7.3, Figure 2) with the
     * cached master secret and this handshake's randoms. ALPN and encrypt_then_mac belong to the connection and
     * are this ServerHello's.
     */
    private ClientState resume(HandshakeContext ctx, SessionState cached, ServerHello hello, SuiteSpec suite,
            boolean ems, boolean etm, String alpn) {
        if (!hello.cipherSuite().equals(cached.cipherSuite())) {
            // RFC 5246 §7.4.1.3: a resumed session keeps its cipher suite
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server resumed session " + cached.sessionId()
                    + " with cipher suite " + hello.cipherSuite() + ", but it was established with "
                    + cached.cipherSuite());
        }
        if (!hello.version().equals(cached.version())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server resumed a " + cached.version()
                    + " session with " + hello.version());
        }
        if (ems != cached.extendedMasterSecret()) {
            // RFC 7627 §5.3: the resumed session must have been made the same way
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "server resumed a session established "
                    + (cached.extendedMasterSecret() ? "with" : "without") + " extended_master_secret, but its"
                    + " ServerHello " + (ems ? "carries" : "lacks") + " the extension (RFC 7627 §5.3)");
        }
        ServerIdentity.checkUnchanged(ctx, cached.peerCertificates());
        Secret master = cached.masterSecret();
        TrafficProtection keys = Tls12Secrets.trafficProtection(ctx, suite, master, offer.clientRandom(),
                hello.random(), etm);
        ctx.updateSession(cached.withEncryptThenMac(etm).withApplicationProtocol(alpn));
        // RFC 5077 §3.4: with a ticket offered the session id was fresh, so its echo means the ticket was accepted
        boolean ticketOffered = ctx.config().sessionStore().ticketsEnabled() && !cached.ticket().isEmpty();
        return new ExpectResumedServerChangeCipherSpec(suite, master, keys,
                ticketOffered ? SessionOrigin.TICKET : SessionOrigin.SESSION_ID);
    }

    /**
     * RFC 5746 §3.4: an initial ServerHello's renegotiation_info is empty (its presence signals support);
     * §3.5: a renegotiation's must carry client_verify_data + server_verify_data of the previous handshake.
     */
    private static void checkRenegotiationInfo(HandshakeContext ctx, ServerHello hello) {
        Optional<Bytes> ri = hello.extensions().find(ExtensionType.RENEGOTIATION_INFO)
                .map(e -> RenegotiationInfo.decode(e.data()).renegotiatedConnection());
        RenegotiationContext previous = ctx.renegotiation();
        if (previous.isInitial()) {
            if (ri.isPresent() && !ri.get().isEmpty()) {
                throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                        "non-empty renegotiation_info in an initial handshake (RFC 5746 §3.4)");
            }
        } else if (ri.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the server's renegotiation ServerHello"
                    + " lacks renegotiation_info: insecure renegotiation is not accepted (RFC 5746 §3.5)");
        } else if (!MessageDigest.isEqual(ri.get().toByteArray(), previous.serverHelloInfo().toByteArray())) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "renegotiation_info in the server's"
                    + " renegotiation ServerHello does not match the verify_data of the previous handshake: the"
                    + " renegotiation is not bound to this connection (RFC 5746 §3.5)");
        }
        if (ri.isPresent()) {
            ctx.peerSupportsSecureRenegotiation();
        }
    }

    /** RFC 7301 §3.1: exactly one protocol, one the client offered; "" when the server chose none. */
    private String selectedProtocol(ServerHello hello) {
        Optional<Extension> e = hello.extensions().find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (e.isEmpty()) {
            return "";
        }
        List<String> chosen = AlpnProtocols.decode(e.get().data()).protocols();
        if (chosen.size() != 1) {
            throw new TlsException(AlertDescription.DECODE_ERROR,
                    "server's ALPN answer names " + chosen.size() + " protocols; it must name exactly one");
        }
        if (!offer.alpn().contains(chosen.get(0))) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server chose application protocol \""
                    + chosen.get(0) + "\", which the client did not offer " + offer.alpn());
        }
        return chosen.get(0);
    }
}
