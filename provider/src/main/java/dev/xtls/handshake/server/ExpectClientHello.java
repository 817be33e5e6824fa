package dev.xtls.handshake.server;

import dev.xtls.handshake.CertificateSignatureSchemes;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.tls13.server.Tls13ServerHandshake;
import dev.xtls.message.ClientHello;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits for ClientHello, then resumes the session it names if it can (RFC 5246 §7.3, Figure 2), or negotiates
 * and answers with the server's first flight (RFC 5246 §7.4.1.2).
 */
record ExpectClientHello() implements ServerState {
    @Override
    public String expecting() {
        return "ClientHello";
    }

    /** The client declined our HelloRequest: the connection goes on with the current session. */
    @Override
    public HandshakeState onNoRenegotiation(HandshakeContext ctx) {
        return ctx.renegotiation().isInitial() ? this : new ServerEstablished(ctx.renegotiation());
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CLIENT_HELLO)) {
            throw unexpected(message);
        }
        ClientHello hello = ClientHello.decode(message.body());
        // RFC 8446 §4.2.1: the version is negotiated once, here; a renegotiation stays TLS 1.2 (Appendix D)
        boolean offersTls13 = Tls13ServerHandshake.offersTls13(hello);
        if (offersTls13 && ctx.renegotiation().isInitial() && ctx.config().versions().contains(ProtocolVersion.TLS13)) {
            return Tls13ServerHandshake.onClientHello(ctx, hello, message);
        }
        if (!ctx.config().versions().contains(ProtocolVersion.TLS12)) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, offersTls13
                    ? "the client offers TLSv1.3 only in a renegotiation, and this server enables only "
                            + ctx.config().versions()
                    : "no protocol version in common: the client offers " + offeredVersions(hello)
                            + ", this server enables " + ctx.config().versions());
        }
        if (hello.legacyVersion().compareTo(ProtocolVersion.TLS12) < 0) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, "client offers at most "
                    + hello.legacyVersion() + ", but this server requires " + ProtocolVersion.TLS12
                    + " (RFC 8996)");
        }
        if (!contains(hello, 0)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                    "ClientHello lacks the null compression method (RFC 5246 §7.4.1.2)");
        }
        RenegotiationContext previous = ctx.renegotiation();
        ClientHelloOffer offer = ClientHelloOffer.of(hello, ctx.config().signatureSchemes(), previous);
        if (offer.secureRenegotiation()) {
            ctx.peerSupportsSecureRenegotiation();
        }
        if (previous.extendedMasterSecret() && !offer.extendedMasterSecret()) {
            // RFC 7627 §5.4: once a connection used the extended master secret, a renegotiation keeps it
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the renegotiation ClientHello lacks"
                    + " extended_master_secret, which the previous handshake on this connection used (RFC 7627)");
        }
        Predicate<String> matcher = ctx.config().serverNameMatcher();
        for (String name : offer.serverNames()) {
            if (matcher != null && !matcher.test(name)) {
                // RFC 6066 §3: a name the server does not recognise may end the handshake
                throw new TlsException(AlertDescription.UNRECOGNIZED_NAME,
                        "the requested server name " + name + " is not accepted by this server's SNI matchers");
            }
        }
        ctx.received(message);
        ctx.output().versionNegotiated(ProtocolVersion.TLS12);
        Optional<ServerResumption.Resumption> resumable = ServerResumption.resumable(ctx.config(), offer,
                !previous.isInitial());
        if (resumable.isPresent()) {
            return ServerResumption.resume(ctx, offer, resumable.get());
        }
        if (!ctx.config().sessionCreation()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client "
                    + (hello.sessionId().isEmpty() ? "offered no session to resume" : "offered a session this"
                    + " server cannot resume") + ", and this server may not create a new one (session creation"
                    + " is disabled)");
        }
        // key managers read the handshake session while choosing (SNI, signature algorithms)
        ctx.updateSession(ctx.session().withNegotiated(hello.sessionId(), ProtocolVersion.TLS12, null)
                .withServerNames(offer.serverNames())
                .withSignatureSchemes(ctx.config().signatureSchemes(), certificateSchemes(offer)));
        ServerChoice choice = new ServerNegotiation(ctx.config()).choose(offer);
        return ServerFirstFlight.send(ctx, offer, choice);
    }

    /** RFC 8446 §4.2.3: the key manager checks chains against signature_algorithms_cert when sent, in 1.2 too. */
    static List<SignatureScheme> certificateSchemes(ClientHelloOffer offer) {
        return CertificateSignatureSchemes.of(offer.hello().extensions(), offer.schemes());
    }

    /** RFC 8446 §4.2.1: supported_versions when sent (GREASE values left out), else the legacy_version. */
    private static List<ProtocolVersion> offeredVersions(ClientHello hello) {
        return hello.extensions().find(ExtensionType.SUPPORTED_VERSIONS)
                .map(e -> SupportedVersions.decode(e.data()).versions().stream()
                        .filter(v -> ProtocolVersion.byName(v.name()).isPresent()).toList())
                .orElse(List.of(hello.legacyVersion()));
    }

    private static boolean contains(ClientHello hello, int method) {
        for (int i = 0; i < hello.compressionMethods().length(); i++) {
            if (hello.compressionMethods().get(i) == method) {
                return true;
            }
        }
        return false;
    }
}
