package dev.xtls.handshake.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.ClientHelloTemplate;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.handshake.tls13.client.ClientPsk;
import dev.xtls.handshake.tls13.client.Tls13ClientHello;
import dev.xtls.handshake.tls13.client.Tls13ClientOffer;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SessionTicketExtension;
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
    /** compression_methods: null only (RFC 5246 §7.4.1.2). */
    private static final Bytes NULL_COMPRESSION = Bytes.wrap(new byte[] {0});

    private ClientHandshake() {
    }

    public static HandshakeState start(HandshakeContext ctx) {
        HandshakeConfig config = ctx.config();
        ClientHelloTemplate template = ctx.helloTemplates().of(config, ctx.renegotiation().isInitial(),
                Tls13Suite::isTls13);
        boolean tls12 = template.tls12();
        boolean tls13 = template.tls13();
        if (!tls12 && !tls13) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION,
                    "no protocol this implementation speaks is enabled: " + config.versions());
        }
        List<CipherSuite> suites = template.suites();
        List<CipherSuite> suites13 = template.suites13();
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
        List<NamedGroup> groups = template.groups();
        List<SignatureScheme> schemes = template.schemes();
        if (suites.isEmpty() && suites13.isEmpty()
                || groups.isEmpty() && (template.ecdhe() || template.dhe() || tls13) || schemes.isEmpty()) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "cannot start a handshake: enabled suites "
                    + config.cipherSuites() + ", groups " + config.namedGroups() + ", signature schemes "
                    + config.signatureSchemes() + " leave nothing Xtls supports");
        }
        List<Extension> ext = new ArrayList<>();
        if (!config.serverNames().isEmpty()) {
            ext.add(ServerNameList.ofHostNames(config.serverNames()).toExtension());
        }
        ext.addAll(template.common()); // supported_groups .. status_request, built once per configuration
        List<String> alpn = config.applicationProtocols().protocols();
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
            ext.add(template.tls13Versions());
            share = Tls13ClientHello.share(ctx, groups);
            ext.add(Tls13ClientHello.keyShare(share));
            ext.addAll(template.tls13Tail()); // post_handshake_auth, psk_key_exchange_modes
            if (ticket13 != null) {
                ext.add(ClientPsk.unbound(config, ticket13)); // RFC 8446 §4.2.11: the last extension
            }
        }

        Bytes random = ctx.newRandom();
        // RFC 5077 §3.4: with a ticket, a fresh session id whose echo tells that the server accepted it;
        // RFC 8446 Appendix D.4: offering TLS 1.3, a random one for middlebox compatibility mode
        Bytes sessionId = resumable == null ? (tls13 ? ctx.newRandomBytes(32) : Bytes.EMPTY)
                : ticket.isEmpty() ? resumable.sessionId() : ctx.newRandomBytes(32);
        ClientHello hello = ClientPsk.bindFirst(ctx, new ClientHello(ProtocolVersion.TLS12, random, sessionId,
                template.offered(), NULL_COMPRESSION, new Extensions(ext)), ticket13);
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
