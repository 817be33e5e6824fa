package dev.xtls.handshake.tls13.server;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.CertificateSignatureSchemes;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RecordSizeNegotiation;
import dev.xtls.handshake.ServerAlpn;
import dev.xtls.handshake.ServerStapling;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.ClientHello;
import dev.xtls.message.EncryptedExtensions;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.Finished;
import dev.xtls.message.ServerHello;
import dev.xtls.message.Tls13CertificateRequest;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.CertificateAuthorities;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.message.ext.KeyShareServerHello;
import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.message.ext.SelectedPsk;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.record.RecordProtection;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A ClientHello offering TLS 1.3 to a server that enables it (RFC 8446 §4.2.1): negotiation, then the server's
 * flight ServerHello, [ChangeCipherSpec], EncryptedExtensions, [CertificateRequest], Certificate,
 * CertificateVerify, Finished (§2, Figure 1).
 */
public final class Tls13ServerHandshake {
    private Tls13ServerHandshake() {
    }

    /** §4.2.1: the client offers TLS 1.3 in supported_versions. */
    public static boolean offersTls13(ClientHello hello) {
        return hello.extensions().find(ExtensionType.SUPPORTED_VERSIONS)
                .map(e -> SupportedVersions.decode(e.data()).versions().contains(ProtocolVersion.TLS13))
                .orElse(false);
    }

    public static HandshakeState onClientHello(HandshakeContext ctx, ClientHello hello, RawHandshakeMessage message) {
        return onClientHello(ctx, hello, message, null);
    }

    /** {@code retry}: the HelloRetryRequest this ClientHello answers, null for the first ClientHello. */
    static HandshakeState onClientHello(HandshakeContext ctx, ClientHello hello, RawHandshakeMessage message,
            HelloRetry retry) {
        // §4.1.2: legacy_compression_methods is exactly one byte, null
        if (hello.compressionMethods().length() != 1 || hello.compressionMethods().get(0) != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "a TLS 1.3 ClientHello must offer exactly"
                    + " the null compression method (RFC 8446 §4.1.2)");
        }
        if (retry == null && hello.extensions().find(ExtensionType.EARLY_DATA).isPresent()) {
            ctx.output().skipEarlyData(); // §4.2.10: we never accept 0-RTT; early_data is not echoed
        }
        List<String> serverNames = hello.extensions().find(ExtensionType.SERVER_NAME)
                .map(e -> ServerNameList.decode(e.data()).hostNames()).orElse(List.of());
        Predicate<String> matcher = ctx.config().serverNameMatcher();
        for (String name : serverNames) {
            if (matcher != null && !matcher.test(name)) {
                // RFC 6066 §3: a name the server does not recognise may end the handshake
                throw new TlsException(AlertDescription.UNRECOGNIZED_NAME,
                        "the requested server name " + name + " is not accepted by this server's SNI matchers");
            }
        }
        List<String> alpnOffer = hello.extensions().find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION)
                .map(e -> AlpnProtocols.decode(e.data()).protocols()).orElse(null);
        Tls13ServerNegotiation negotiation = new Tls13ServerNegotiation(ctx);
        if (retry == null) {
            NamedGroup retryGroup = negotiation.helloRetryGroup(hello);
            if (retryGroup != null) {
                return HelloRetry.send(ctx, hello, message, negotiation.suite(hello), retryGroup);
            }
        } else {
            retry.checkSecondHello(hello);
        }
        Tls13ServerChoice choice = negotiation.choose(hello, serverNames);
        if (retry != null && !choice.suite().equals(retry.suite())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the second ClientHello leads to "
                    + choice.suite().suite() + ", but the HelloRetryRequest chose " + retry.suite().suite()
                    + " (RFC 8446 §4.1.4)");
        }
        String alpn = ServerAlpn.choose(ctx.config().applicationProtocols(), alpnOffer);
        Optional<ServerPsk.Accepted> psk = ServerPsk.accept(ctx, hello, message, choice.suite(), serverNames);
        ctx.received(message);
        try {
            return sendFlight(ctx, hello, choice, alpn, retry != null, psk.orElse(null));
        } finally {
            psk.ifPresent(p -> p.session().masterSecret().destroy());
        }
    }

    /** §4.6.1: tickets go to a client that can use them, one that sent psk_key_exchange_modes with a mode we use. */
    private static int ticketCount(HandshakeContext ctx, ClientHello hello) {
        boolean wanted = hello.extensions().find(ExtensionType.PSK_KEY_EXCHANGE_MODES)
                .flatMap(e -> ServerPsk.mode(PskKeyExchangeModes.decode(e.data()),
                        ctx.config().sessionStore().tls13PskModes())).isPresent();
        return wanted ? ctx.config().sessionStore().tls13TicketCount() : 0;
    }

    private static HandshakeState sendFlight(HandshakeContext ctx, ClientHello hello, Tls13ServerChoice choice,
            String alpn, boolean changeCipherSpecSent, ServerPsk.Accepted psk) {
        boolean dhe = psk == null || psk.dhe(); // §4.2.9: psk_ke has no key_share and no (EC)DHE
        KeyShareEntry clientShare = choice.clientShare();
        List<Extension> helloExtensions = new ArrayList<>(List.of(SelectedVersion.TLS13.toExtension()));
        byte[] shared = null;
        if (dhe) {
            KeyShare share = ctx.crypto().generateKeyShare(clientShare.group());
            try {
                shared = share.agree(clientShare.keyExchange().toByteArray());
                helloExtensions.add(new KeyShareServerHello(new KeyShareEntry(clientShare.group(),
                        Bytes.wrap(share.publicValue()))).toExtension());
            } finally {
                share.destroy();
            }
        }
        if (psk != null) {
            helloExtensions.add(new SelectedPsk(psk.index()).toExtension()); // §4.2.11
        }
        ctx.send(new ServerHello(ProtocolVersion.TLS12, ctx.newRandom(), hello.sessionId(), choice.suite().suite(),
                0, new Extensions(helloExtensions)));
        ctx.output().versionNegotiated(ProtocolVersion.TLS13);
        Tls13Secrets secrets = Tls13Secrets.afterServerHello(ctx, choice.suite(),
                psk == null ? null : psk.session().masterSecret(), shared);
        RecordProtection serverHandshake = secrets.serverHandshakeProtection(ctx);
        if (hello.sessionId().isEmpty() || changeCipherSpecSent) {
            ctx.output().installWriteProtection(serverHandshake);
        } else {
            // Appendix D.4: a client in middlebox compatibility mode gets a dummy ChangeCipherSpec
            ctx.output().changeCipherSpec(serverHandshake);
        }
        ctx.output().installReadProtection(secrets.clientHandshakeProtection(ctx));

        List<Extension> ee = new ArrayList<>();
        if (!choice.serverNames().isEmpty()) {
            ee.add(ServerNameList.serverAck()); // RFC 6066 §3: the name guided the certificate choice
        }
        if (!alpn.isEmpty()) {
            ee.add(AlpnProtocols.of(alpn).toExtension());
        }
        // RFC 8449 §4, RFC 6066 §4: the answer goes in EncryptedExtensions
        RecordSizeNegotiation.Answer sizes = RecordSizeNegotiation.answer(ctx.config().recordSizes(),
                hello.extensions(), true);
        ee.addAll(sizes.extensions());
        ctx.output().recordSizeLimits(sizes.limits());
        ctx.send(new EncryptedExtensions(new Extensions(ee)));
        // §4.3.2: a server authenticating with a PSK sends neither CertificateRequest nor Certificate
        ClientAuth auth = psk != null ? ClientAuth.NONE : ctx.config().clientAuth();
        List<SignatureScheme> verifySchemes = clientVerifySchemes(ctx);
        if (auth != ClientAuth.NONE) {
            ctx.send(certificateRequest(ctx, verifySchemes, Bytes.EMPTY));
        }
        if (psk == null) {
            List<X509Certificate> chain = choice.credential().chain();
            // RFC 8446 §4.4.2.1: the OCSP response goes in the leaf's CertificateEntry
            ctx.send(ServerStapling.response(ctx, hello, chain).map(r -> Tls13Certificates.stapled(chain, r))
                    .orElseGet(() -> Tls13Certificates.of(chain)));
            byte[] hash = Tls13Secrets.transcriptHash(ctx, choice.suite());
            ctx.send(new CertificateVerify(choice.scheme(), Bytes.wrap(Tls13Signatures.sign(ctx.crypto(), true,
                    choice.scheme(), choice.credential().privateKey(), hash))));
        }
        byte[] verifyData = secrets.finished(ctx, false);
        ctx.finished(false, verifyData);
        ctx.send(new Finished(Bytes.wrap(verifyData)));
        ApplicationSecrets application = secrets.application(ctx);
        ctx.output().installWriteProtection(application.serverProtection(ctx));

        SessionState session = ctx.session()
                .withNegotiated(Bytes.EMPTY, ProtocolVersion.TLS13, choice.suite().suite())
                .withKeyExchange(dhe ? clientShare.group() : null, null)
                .withApplicationProtocol(alpn)
                .withLocalCertificates(psk == null ? choice.credential().chain() : psk.session().localCertificates(),
                        psk == null ? choice.credential().alias() : psk.session().localAlias())
                .withSignatureSchemes(ctx.config().signatureSchemes(),
                        CertificateSignatureSchemes.of(hello.extensions(), choice.clientSchemes()));
        if (psk != null) { // the resumed session's certificates (§4.6.1: the ticket carries them)
            session = session.withPeerCertificates(psk.session().peerCertificates());
        }
        ctx.updateSession(session);
        Tls13ServerNegotiated negotiated = new Tls13ServerNegotiated(secrets, application, verifySchemes,
                psk != null, ticketCount(ctx, hello),
                hello.extensions().find(ExtensionType.POST_HANDSHAKE_AUTH).isPresent());
        return auth == ClientAuth.NONE ? new ExpectClientFinished(negotiated)
                : new ExpectClientCertificate(negotiated, auth);
    }

    /** §4.2.3: the list covers certificate signatures too; the CertificateVerify check excludes PKCS#1 v1.5. */
    static List<SignatureScheme> clientVerifySchemes(HandshakeContext ctx) {
        return ctx.config().signatureSchemes().stream().filter(ctx.crypto()::supportsSignatureScheme).toList();
    }

    /**
     * §4.3.2: signature_algorithms, and certificate_authorities when the trust manager names CAs (§4.2.4);
     * {@code requestContext}: empty in the handshake, fresh for each request after it (§4.6.2).
     */
    static Tls13CertificateRequest certificateRequest(HandshakeContext ctx, List<SignatureScheme> schemes,
            Bytes requestContext) {
        List<Extension> ext = new ArrayList<>();
        ext.add(new SignatureAlgorithms(schemes).toExtension());
        ext.add(CertificateSignatureSchemes.extension(schemes)); // §4.2.3, as SunJSSE
        List<Bytes> authorities = ctx.config().peerVerifier().acceptedIssuerNames();
        if (!authorities.isEmpty()) {
            ext.add(new CertificateAuthorities(authorities).toExtension());
        }
        return new Tls13CertificateRequest(requestContext, new Extensions(ext));
    }
}
