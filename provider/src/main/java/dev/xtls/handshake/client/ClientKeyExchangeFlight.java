package dev.xtls.handshake.client;

import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.Tls12Secrets;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.CertificateMessage;
import dev.xtls.message.CertificateRequest;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.EcdhClientKeyExchange;
import dev.xtls.message.DhClientKeyExchange;
import dev.xtls.message.Finished;
import dev.xtls.message.RsaClientKeyExchange;
import dev.xtls.message.SupplementalData;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CertificateChains;
import dev.xtls.x509.CertifiedKey;
import dev.xtls.x509.SignatureSchemes;
import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The client's second flight (RFC 5246 §7.3): [SupplementalData], [Certificate], ClientKeyExchange,
 * [CertificateVerify], ChangeCipherSpec, Finished.
 */
final class ClientKeyExchangeFlight {
    private static final int RSA_SIGN = 1;
    private static final int ECDSA_SIGN = 64;

    private ClientKeyExchangeFlight() {
    }

    static ClientState send(HandshakeContext ctx, ClientNegotiated negotiated, X509Certificate serverLeaf,
            KeyAgreementInput keyAgreement, CertificateRequest request) {
        if (!negotiated.supplementalData().isEmpty()) {
            // RFC 4680 §3: the first message the client sends after ServerHelloDone
            ctx.send(new SupplementalData(negotiated.supplementalData()));
        }
        CertifiedKey credential = null;
        SignatureScheme clientScheme = null;
        if (request != null) {
            Optional<CertifiedKey> chosen = chooseCredential(ctx, request);
            if (chosen.isPresent()) {
                String keyType = SignatureSchemes.keyType(chosen.get().leaf().getPublicKey());
                clientScheme = SignatureSchemes.choose(negotiated.offer().schemes(), request.signatureSchemes(),
                        keyType);
                credential = clientScheme == null ? null : chosen.get();
            }
            // RFC 5246 §7.4.6: with no suitable certificate the client sends an empty list
            List<Bytes> chain = credential == null ? List.of() : CertificateChains.encode(credential.chain());
            ctx.send(new CertificateMessage(chain));
            if (credential != null) {
                ctx.updateSession(ctx.session().withLocalCertificates(credential.chain(), credential.alias()));
            }
        }

        byte[] premaster = sendKeyExchange(ctx, serverLeaf, keyAgreement);
        ClientOffer offer = negotiated.offer();
        Secret master = Tls12Secrets.masterSecret(ctx, negotiated.suite(), premaster, offer.clientRandom(),
                negotiated.serverRandom(), negotiated.extendedMasterSecret());

        if (credential != null) {
            // RFC 5246 §7.4.8: the signature covers all handshake messages so far
            byte[] signature = ctx.crypto().sign(clientScheme, credential.privateKey(),
                    ctx.transcript().messages());
            ctx.send(new CertificateVerify(clientScheme, Bytes.wrap(signature)));
        }

        TrafficProtection keys = Tls12Secrets.trafficProtection(ctx, negotiated.suite(), master,
                offer.clientRandom(), negotiated.serverRandom(), negotiated.encryptThenMac());
        ctx.output().changeCipherSpec(keys.clientWrite());
        byte[] verifyData = Tls12Secrets.verifyData(ctx, negotiated.suite(), master, true);
        ctx.finished(true, verifyData);
        ctx.send(new Finished(Bytes.wrap(verifyData)));
        ctx.updateSession(ctx.session().withMasterSecret(master, negotiated.extendedMasterSecret()));
        ClientState next = new ExpectServerChangeCipherSpec(negotiated, master, keys);
        return negotiated.ticketFollows() ? new ExpectNewSessionTicket(next) : next;
    }

    /** Sends ClientKeyExchange (RFC 5246 §7.4.7) and returns the premaster secret. */
    private static byte[] sendKeyExchange(HandshakeContext ctx, X509Certificate serverLeaf,
            KeyAgreementInput keyAgreement) {
        if (keyAgreement instanceof KeyAgreementInput.RsaTransport) {
            // RFC 5246 §7.4.7.1: client_version (the highest offered) followed by 46 random bytes
            byte[] premaster = ctx.newRandomBytes(48).toByteArray();
            premaster[0] = (byte) (ProtocolVersion.TLS12.code() >>> 8);
            premaster[1] = (byte) ProtocolVersion.TLS12.code();
            byte[] encrypted = ctx.crypto().rsaEncrypt(serverLeaf.getPublicKey(), premaster);
            ctx.send(new RsaClientKeyExchange(Bytes.wrap(encrypted)));
            return premaster;
        }
        KeyShare share;
        byte[] peerPublic;
        if (keyAgreement instanceof KeyAgreementInput.Ecdhe ecdhe) {
            share = ctx.crypto().generateKeyShare(ecdhe.group());
            peerPublic = ecdhe.publicValue().toByteArray();
        } else {
            KeyAgreementInput.Dhe dhe = (KeyAgreementInput.Dhe) keyAgreement;
            share = ctx.crypto().generateDhKeyShare(dhe.p(), dhe.g());
            peerPublic = dhe.ys().toByteArray();
            // the server sends p and g; name the RFC 7919 group when they are one
            ctx.updateSession(ctx.session().withKeyExchange(share.group(), ctx.session().peerSignatureScheme()));
        }
        try {
            byte[] premaster = share.agree(peerPublic);
            Bytes publicValue = Bytes.wrap(share.publicValue());
            ctx.send(keyAgreement instanceof KeyAgreementInput.Ecdhe ? new EcdhClientKeyExchange(publicValue)
                    : new DhClientKeyExchange(publicValue));
            return premaster;
        } finally {
            share.destroy();
        }
    }

    private static Optional<CertifiedKey> chooseCredential(HandshakeContext ctx, CertificateRequest request) {
        List<String> keyTypes = new ArrayList<>();
        if (request.certificateTypes().contains(ECDSA_SIGN)) {
            keyTypes.add("EC");
            keyTypes.add("EdDSA"); // RFC 8422 §5.5: ecdsa_sign covers EdDSA keys
        }
        if (request.certificateTypes().contains(RSA_SIGN)) {
            keyTypes.add("RSA");
            keyTypes.add("RSASSA-PSS");
        }
        if (keyTypes.isEmpty()) {
            return Optional.empty();
        }
        List<X500Principal> issuers = new ArrayList<>();
        for (Bytes dn : request.certificateAuthorities()) {
            try {
                issuers.add(new X500Principal(new ByteArrayInputStream(dn.toByteArray())));
            } catch (IllegalArgumentException ignored) {
                // an unparseable name narrows nothing; the key manager sees the others
            }
        }
        return ctx.config().credentials().chooseClientCredential(keyTypes, issuers);
    }
}
