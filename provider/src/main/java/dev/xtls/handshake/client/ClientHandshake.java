package dev.xtls.handshake.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.CertificateSignatureSchemes;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RecordSizeNegotiation;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.tls13.client.ClientPsk;
import dev.xtls.handshake.tls13.client.Tls13ClientHello;
import dev.xtls.handshake.tls13.client.Tls13ClientOffer;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.PostHandshakeAuth;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SessionTicketExtension;
import dev.xtls.message.ext.StatusRequest;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.session.SessionState;
import dev.xtls.spi.SupplementalDataSender;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts a client handshake: sends ClientHello (RFC 5246 §7.4.1.2), offering a cached session if one fits, and
 * TLS 1.3 (RFC 8446 §4.1.2) when it is enabled.
 */
public final class ClientHandshake {
    private ClientHandshake() {
    }

    public static HandshakeState start(HandshakeContext ctx) {
        HandshakeConfig config = ctx.config();
        TlsCrypto crypto = ctx.crypto();
        boolean tls12 = config.versions().contains(ProtocolVersion.TLS12);
        // RFC 8446 §4.1.2 / §D: a renegotiation of a TLS 1.2 connection stays TLS 1.2
        boolean tls13 = config.versions().contains(ProtocolVersion.TLS13) && ctx.renegotiation().isInitial()
                && !Tls13ClientHello.suites(ctx).isEmpty();
        if (!tls12 && !tls13) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION,
                    "no protocol this implementation speaks is enabled: " + config.versions());
        }
        List<CipherSuite> suites = !tls12 ? List.of() : config.cipherSuites().stream()
                .filter(s -> SuiteSpec.of(s).isPresent()).toList();
        List<CipherSuite> suites13 = tls13 ? Tls13ClientHello.suites(ctx) : List.of();
        // a renegotiation offers no session: the server renegotiates for new parameters (a step-up to a client
        // certificate), which resuming would not give it, and OpenSSL resumes whatever its verify mode
        // RFC 8446 §4.2.11: a TLS 1.3 ticket, if one fits, is offered rather than a TLS 1.2 session
        SessionState ticket13 = tls13 ? ClientPsk.offerable(config, suites13).orElse(null) : null;
        SessionState resumable = ctx.renegotiation().isInitial() && tls12 && ticket13 == null
                ? ClientResumption.offerable(config, suites).orElse(null) : null;
        if (resumable == null && ticket13 == null && !config.sessionCreation()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "No new session is allowed and no existing"
                    + " session can be resumed (session creation is disabled; no cached session for "
                    + config.peerHost() + ":" + config.peerPort() + " fits this handshake)");
        }
        boolean ecdhe = suites.stream().anyMatch(s -> SuiteSpec.of(s).orElseThrow().keyExchange().isEcdhe());
        boolean dhe = suites.stream().anyMatch(s -> SuiteSpec.of(s).orElseThrow().keyExchange().isDhe());
        // RFC 7919 §3: FFDHE groups are listed when DHE suites are offered; TLS 1.3 takes every group
        List<NamedGroup> groups = config.namedGroups().stream().filter(crypto::supportsGroup)
                .filter(g -> tls13 || (g.isFiniteField() ? dhe : ecdhe)).toList();
        List<SignatureScheme> supported = config.signatureSchemes().stream()
                .filter(crypto::supportsSignatureScheme).toList();
        // all supported (the usual case): the configuration's list, which the context's engines share
        List<SignatureScheme> schemes = supported.size() == config.signatureSchemes().size()
                ? config.signatureSchemes() : supported;
        if (suites.isEmpty() && suites13.isEmpty() || groups.isEmpty() && (ecdhe || dhe || tls13)
                || schemes.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot start a handshake: enabled suites "
                    + config.cipherSuites() + ", groups " + config.namedGroups() + ", signature schemes "
                    + config.signatureSchemes() + " leave nothing Xtls supports");
        }
        List<Extension> ext = new ArrayList<>();
        if (!config.serverNames().isEmpty()) {
            ext.add(ServerNameList.ofHostNames(config.serverNames()).toExtension());
        }
        if (!groups.isEmpty()) {
            ext.add(new SupportedGroups(groups).toExtension());
        }
        if (ecdhe) {
            ext.add(new EcPointFormats(Bytes.wrap(new byte[] {EcPointFormats.UNCOMPRESSED})).toExtension());
        }
        ext.add(new SignatureAlgorithms(schemes).toExtension());
        ext.add(CertificateSignatureSchemes.extension(schemes)); // RFC 8446 §4.2.3, always as SunJSSE
        if (config.extendedMasterSecret() && tls12) {
            ext.add(ExtendedMasterSecret.extension());
        }
        boolean cbc = suites.stream().anyMatch(s -> SuiteSpec.of(s).orElseThrow().isCbc());
        if (cbc) {
            ext.add(EncryptThenMac.extension()); // RFC 7366 §2
        }
        List<String> alpn = config.applicationProtocols().protocols();
        if (!alpn.isEmpty()) {
            ext.add(new AlpnProtocols(alpn).toExtension()); // RFC 7301 §3.1
        }
        ext.addAll(RecordSizeNegotiation.offer(config.recordSizes(), tls13)); // RFC 8449 §4, RFC 6066 §4
        if (config.stapling().clientRequests()) {
            ext.add(StatusRequest.ocspRequest()); // RFC 6066 §8
        }
        if (tls12) {
            // RFC 5746 §3.4: empty in the initial ClientHello; §3.5: client_verify_data when renegotiating
            ext.add(new RenegotiationInfo(ctx.renegotiation().clientHelloInfo()).toExtension());
            // RFC 4680 §2: each SupplementalData type is offered by its own extension
            List<SupplementalDataSender> senders = config.supplementalData().offeredIn(ctx.renegotiation())
                    ? config.supplementalData().senders() : List.of(); // RFC 4680 §4: not in the first of two
            for (SupplementalDataSender sender : senders) {
                ext.add(new Extension(new ExtensionType(sender.extensionType()),
                        Bytes.wrap(sender.clientHelloExtension())));
            }
        }
        boolean tickets = tls12 && config.sessionStore().ticketsEnabled();
        Bytes ticket = resumable == null || !tickets ? Bytes.EMPTY : resumable.ticket();
        if (tickets) {
            ext.add(new SessionTicketExtension(ticket).toExtension()); // RFC 5077 §3.2
        }
        KeyShare share = null;
        if (tls13) {
            ext.add(Tls13ClientHello.supportedVersions(tls12));
            share = Tls13ClientHello.share(ctx, groups);
            ext.add(Tls13ClientHello.keyShare(share));
            if (config.credentials().hasKeyManager()) {
                ext.add(PostHandshakeAuth.extension()); // RFC 8446 §4.2.6: we answer a later CertificateRequest
            }
            if (config.sessionStore().ticketsEnabled()) {
                ext.add(ClientPsk.modes(config));
            }
            if (ticket13 != null) {
                ext.add(ClientPsk.unbound(config, ticket13)); // RFC 8446 §4.2.11: the last extension
            }
        }

        Bytes random = ctx.newRandom();
        // RFC 5077 §3.4: with a ticket, a fresh session id whose echo tells that the server accepted it;
        // RFC 8446 Appendix D.4: offering TLS 1.3, a random one for middlebox compatibility mode
        Bytes sessionId = resumable == null ? (tls13 ? ctx.newRandomBytes(32) : Bytes.EMPTY)
                : ticket.isEmpty() ? resumable.sessionId() : ctx.newRandomBytes(32);
        List<CipherSuite> offered = new ArrayList<>(suites13);
        offered.addAll(suites);
        ClientHello hello = ClientPsk.bindFirst(ctx, new ClientHello(ProtocolVersion.TLS12, random, sessionId,
                offered, Bytes.wrap(new byte[] {0}), new Extensions(ext)), ticket13);
        ctx.send(hello);
        ctx.updateSession(ctx.session().withServerNames(config.serverNames()).withSignatureSchemes(schemes,
                List.of()));
        Set<ExtensionType> types = Set.copyOf(hello.extensions().types());
        Tls13ClientOffer offer13 = tls13 ? new Tls13ClientOffer(hello, suites13, groups, share, schemes, alpn,
                ticket13) : null;
        return new ExpectServerHello(new ClientOffer(random, suites, groups, schemes, types, alpn, resumable,
                sessionId, offer13));
    }
}
