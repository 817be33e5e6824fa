package dev.xtls.handshake.server;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.RecordSizeNegotiation;
import dev.xtls.handshake.ServerAlpn;
import dev.xtls.handshake.ServerStapling;
import dev.xtls.message.CertificateMessage;
import dev.xtls.message.CertificateRequest;
import dev.xtls.message.CertificateStatus;
import dev.xtls.message.DheServerKeyExchange;
import dev.xtls.message.EcdheServerKeyExchange;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ServerHelloDone;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.message.ext.ServerNameList;
import dev.xtls.message.ext.SessionTicketExtension;
import dev.xtls.message.ext.StatusRequest;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsWriter;
import dev.xtls.x509.CertificateChains;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.DHParameterSpec;

/**
 * ServerHello, Certificate, ServerKeyExchange, [CertificateRequest], ServerHelloDone (RFC 5246 §7.3); the
 * ServerHello also answers the SupplementalData extensions it agrees to (RFC 4680 §2).
 */
final class ServerFirstFlight {
    private static final int RSA_SIGN = 1;
    private static final int ECDSA_SIGN = 64;

    private ServerFirstFlight() {
    }

    static ServerState send(HandshakeContext ctx, ClientHelloOffer offer, ServerChoice choice) {
        boolean ems = offer.extendedMasterSecret() && ctx.config().extendedMasterSecret();
        // RFC 7366 §3: answered only when a CBC suite is chosen
        boolean etm = offer.encryptThenMac() && choice.suite().isCbc();
        String alpn = ServerAlpn.choose(ctx.config().applicationProtocols(), offer.alpn());
        // RFC 6066 §3: the name guided the certificate choice
        // RFC 5077 §3.2: an empty SessionTicket extension promises a NewSessionTicket
        boolean issueTicket = offer.sessionTicket() != null && ctx.config().sessionStore().ticketsEnabled();
        ServerSupplementalData supplemental = ServerSupplementalData.agree(ctx.config().supplementalData(),
                offer.hello());
        List<Extension> helloExtensions = new ArrayList<>(helloExtensions(ctx, offer, ems, etm, alpn,
                !offer.serverNames().isEmpty(), issueTicket).list());
        helloExtensions.addAll(supplemental.echoes());
        Optional<Bytes> staple = ServerStapling.response(ctx, offer.hello(), choice.credential().chain());
        if (staple.isPresent()) {
            helloExtensions.add(StatusRequest.serverAck()); // RFC 6066 §8: a CertificateStatus follows
        }
        Extensions extensions = new Extensions(helloExtensions);
        Bytes serverRandom = ctx.newServerRandomForTls12();
        Bytes sessionId = ctx.newRandomBytes(32);
        ctx.send(new ServerHello(ProtocolVersion.TLS12, serverRandom, sessionId, choice.suite().suite(), 0,
                extensions));
        ctx.send(new CertificateMessage(CertificateChains.encode(choice.credential().chain())));
        staple.ifPresent(response -> ctx.send(new CertificateStatus(response)));

        Bytes clientRandom = offer.hello().random();
        ServerKeyAgreement agreement = choice.suite().keyExchange().signsKeyExchange()
                ? new ServerKeyAgreement.Ephemeral(sendKeyExchange(ctx, choice, clientRandom, serverRandom))
                : new ServerKeyAgreement.RsaTransport(choice.credential().privateKey(),
                        offer.hello().legacyVersion().code());

        ClientAuth auth = ctx.config().clientAuth();
        List<SignatureScheme> cvSchemes = List.of();
        if (auth != ClientAuth.NONE) {
            cvSchemes = ctx.config().signatureSchemes().stream().filter(ctx.crypto()::supportsSignatureScheme)
                    .toList();
            ctx.send(new CertificateRequest(List.of(ECDSA_SIGN, RSA_SIGN), cvSchemes,
                    ctx.config().peerVerifier().acceptedIssuerNames()));
        }
        ctx.send(new ServerHelloDone());

        ctx.updateSession(ctx.session()
                .withNegotiated(sessionId, ProtocolVersion.TLS12, choice.suite().suite())
                .withKeyExchange(choice.group(), null)
                .withEncryptThenMac(etm)
                .withApplicationProtocol(alpn)
                .withLocalCertificates(choice.credential().chain(), choice.credential().alias())
                .withServerNames(offer.serverNames())
                .withSignatureSchemes(ctx.config().signatureSchemes(),
                        ExpectClientHello.certificateSchemes(offer)));
        ServerNegotiated negotiated = new ServerNegotiated(choice.suite(), clientRandom, serverRandom, ems, etm,
                cvSchemes, issueTicket);
        ServerState next = auth == ClientAuth.NONE ? new ExpectClientKeyExchange(negotiated, agreement, false)
                : new ExpectClientCertificate(negotiated, agreement, auth);
        return supplemental.receivers().isEmpty() ? next : new ExpectClientSupplementalData(supplemental, next);
    }

    /**
     * ServerHello's extensions, the same for a full and an abbreviated handshake except the server_name
     * acknowledgement, which a resuming server must not send (RFC 6066 §3), and the SessionTicket extension,
     * sent when a NewSessionTicket follows (RFC 5077 §3.2). The record sizes they agree on take effect at once
     * (RFC 6066 §4).
     */
    static Extensions helloExtensions(HandshakeContext ctx, ClientHelloOffer offer, boolean ems, boolean etm,
            String alpn, boolean acknowledgeServerName, boolean ticketFollows) {
        List<Extension> ext = new ArrayList<>();
        if (offer.secureRenegotiation()) {
            // RFC 5746 §3.6 (empty) and §3.7 (client_verify_data + server_verify_data)
            ext.add(new RenegotiationInfo(ctx.renegotiation().serverHelloInfo()).toExtension());
        }
        if (ems) {
            ext.add(ExtendedMasterSecret.extension());
        }
        if (etm) {
            ext.add(EncryptThenMac.extension());
        }
        if (offer.pointFormatsSent()) {
            ext.add(new EcPointFormats(Bytes.wrap(new byte[] {EcPointFormats.UNCOMPRESSED})).toExtension());
        }
        if (acknowledgeServerName) {
            ext.add(ServerNameList.serverAck());
        }
        if (!alpn.isEmpty()) {
            ext.add(AlpnProtocols.of(alpn).toExtension());
        }
        if (ticketFollows) {
            ext.add(SessionTicketExtension.EMPTY.toExtension());
        }
        RecordSizeNegotiation.Answer sizes = RecordSizeNegotiation.answer(ctx.config().recordSizes(),
                offer.hello().extensions(), false);
        ext.addAll(sizes.extensions());
        ctx.output().recordSizeLimits(sizes.limits());
        return new Extensions(ext);
    }

    /** ServerKeyExchange with our ephemeral (EC)DHE value, signed over both randoms (RFC 8422 §5.4). */
    private static KeyShare sendKeyExchange(HandshakeContext ctx, ServerChoice choice, Bytes clientRandom,
            Bytes serverRandom) {
        KeyShare share = ctx.crypto().generateKeyShare(choice.group());
        Bytes publicValue = Bytes.wrap(share.publicValue());
        byte[] params;
        if (choice.group().isFiniteField()) {
            DHParameterSpec dh = ctx.crypto().ffdheParameters(choice.group());
            params = new DheServerKeyExchange(unsigned(dh.getP()), unsigned(dh.getG()), publicValue, choice.scheme(),
                    Bytes.EMPTY).encodeParams();
        } else {
            params = new EcdheServerKeyExchange(choice.group(), publicValue, choice.scheme(), Bytes.EMPTY)
                    .encodeParams();
        }
        byte[] signed = new TlsWriter(params.length + 64).bytes(clientRandom.toByteArray())
                .bytes(serverRandom.toByteArray()).bytes(params).toByteArray();
        Bytes signature = Bytes.wrap(ctx.crypto().sign(choice.scheme(), choice.credential().privateKey(), signed));
        if (choice.group().isFiniteField()) {
            DHParameterSpec dh = ctx.crypto().ffdheParameters(choice.group());
            ctx.send(new DheServerKeyExchange(unsigned(dh.getP()), unsigned(dh.getG()), publicValue,
                    choice.scheme(), signature));
        } else {
            ctx.send(new EcdheServerKeyExchange(choice.group(), publicValue, choice.scheme(), signature));
        }
        return share;
    }

    /** A positive integer as the minimal big-endian bytes the DH params carry (RFC 5246 §7.4.3). */
    private static Bytes unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? Bytes.wrap(java.util.Arrays.copyOfRange(b, 1, b.length)) : Bytes.wrap(b);
    }
}
