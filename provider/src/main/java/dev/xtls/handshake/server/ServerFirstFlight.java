package dev.xtls.handshake.server;

import dev.xtls.crypto.KeyShare;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.message.CertificateMessage;
import dev.xtls.message.CertificateRequest;
import dev.xtls.message.EcdheServerKeyExchange;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ServerHelloDone;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsWriter;
import dev.xtls.x509.CertificateChains;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * ServerHello, Certificate, ServerKeyExchange, [CertificateRequest], ServerHelloDone (RFC 5246 §7.3).
 */
final class ServerFirstFlight {
    private static final int RSA_SIGN = 1;
    private static final int ECDSA_SIGN = 64;

    private ServerFirstFlight() {
    }

    static ServerState send(HandshakeContext ctx, ClientHelloOffer offer, ServerChoice choice) {
        boolean ems = offer.extendedMasterSecret() && ctx.config().extendedMasterSecret();
        List<Extension> ext = new ArrayList<>();
        if (offer.secureRenegotiation()) {
            ext.add(new RenegotiationInfo(Bytes.EMPTY).toExtension());
        }
        if (ems) {
            ext.add(ExtendedMasterSecret.extension());
        }
        if (offer.pointFormatsSent()) {
            ext.add(new EcPointFormats(Bytes.wrap(new byte[] {EcPointFormats.UNCOMPRESSED})).toExtension());
        }
        Bytes serverRandom = ctx.newRandom();
        Bytes sessionId = ctx.newRandomBytes(32);
        ctx.send(new ServerHello(ProtocolVersion.TLS12, serverRandom, sessionId, choice.suite().suite(), 0,
                new Extensions(ext)));
        ctx.send(new CertificateMessage(CertificateChains.encode(choice.credential().chain())));

        KeyShare share = ctx.crypto().generateKeyShare(choice.group());
        Bytes clientRandom = offer.hello().random();
        EcdheServerKeyExchange unsigned = new EcdheServerKeyExchange(choice.group(), Bytes.wrap(share.publicValue()),
                choice.scheme(), Bytes.EMPTY);
        // RFC 8422 §5.4: the signature covers ClientHello.random + ServerHello.random + ServerECDHParams
        byte[] signed = new TlsWriter(160).bytes(clientRandom.toByteArray()).bytes(serverRandom.toByteArray())
                .bytes(unsigned.encodeParams()).toByteArray();
        byte[] signature = ctx.crypto().sign(choice.scheme(), choice.credential().privateKey(), signed);
        ctx.send(new EcdheServerKeyExchange(choice.group(), unsigned.publicValue(), choice.scheme(),
                Bytes.wrap(signature)));

        ClientAuth auth = ctx.config().clientAuth();
        List<SignatureScheme> cvSchemes = List.of();
        if (auth != ClientAuth.NONE) {
            cvSchemes = ctx.config().signatureSchemes().stream().filter(ctx.crypto()::supportsSignatureScheme)
                    .toList();
            List<Bytes> authorities = new ArrayList<>();
            for (X500Principal issuer : ctx.config().peerVerifier().acceptedIssuers()) {
                authorities.add(Bytes.wrap(issuer.getEncoded()));
            }
            ctx.send(new CertificateRequest(List.of(ECDSA_SIGN, RSA_SIGN), cvSchemes, authorities));
        }
        ctx.send(new ServerHelloDone());

        ctx.updateSession(ctx.session()
                .withNegotiated(sessionId, ProtocolVersion.TLS12, choice.suite().suite())
                .withKeyExchange(choice.group(), null)
                .withLocalCertificates(choice.credential().chain())
                .withServerNames(offer.serverNames())
                .withSignatureSchemes(ctx.config().signatureSchemes(), offer.schemes()));
        ServerNegotiated negotiated = new ServerNegotiated(choice.suite(), clientRandom, serverRandom, ems,
                cvSchemes);
        return auth == ClientAuth.NONE ? new ExpectClientKeyExchange(negotiated, share, false)
                : new ExpectClientCertificate(negotiated, share, auth);
    }
}
