package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.CertificateMessage;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertificateChains;
import dev.xtls.x509.SignatureSchemes;
import java.security.cert.X509Certificate;
import java.util.List;

/** Waits for the server's Certificate and has the trust manager judge it (RFC 5246 §7.4.2). */
record ExpectServerCertificate(ClientNegotiated negotiated) implements ClientState {
    @Override
    public String expecting() {
        return "server Certificate";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.CERTIFICATE)) {
            throw unexpected(message);
        }
        CertificateMessage certificate = CertificateMessage.decode(message.body());
        if (certificate.certificates().isEmpty()) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE, "server sent an empty certificate chain");
        }
        List<X509Certificate> chain = CertificateChains.parse(certificate.certificates());
        ServerIdentity.checkUnchanged(ctx, chain);
        X509Certificate leaf = chain.get(0);
        String keyType = SignatureSchemes.keyType(leaf.getPublicKey());
        if (!negotiated.suite().keyExchange().acceptsServerKey(keyType)) {
            throw new TlsException(AlertDescription.UNSUPPORTED_CERTIFICATE, "server certificate "
                    + leaf.getSubjectX500Principal() + " has a " + keyType + " key, but "
                    + negotiated.suite().suite() + " needs one of "
                    + negotiated.suite().keyExchange().certificateKeyTypes());
        }
        if (negotiated.statusMayFollow()) {
            // RFC 6066 §8: the trust manager judges the chain with the stapled response, so after CertificateStatus
            ctx.received(message);
            return new ExpectCertificateStatus(negotiated, chain);
        }
        HandshakeState next = verified(ctx, negotiated, chain);
        ctx.received(message);
        return next;
    }

    /** Has the trust manager judge {@code chain}, keeps it in the session and says what comes next. */
    static ClientState verified(HandshakeContext ctx, ClientNegotiated negotiated, List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        ctx.config().peerVerifier().verifyServer(chain, negotiated.suite().keyExchange().authType());
        ctx.updateSession(ctx.session().withPeerCertificates(chain));
        return negotiated.suite().keyExchange().signsKeyExchange() ? new ExpectServerKeyExchange(negotiated, leaf)
                : new ExpectServerHelloDone(negotiated, leaf, new KeyAgreementInput.RsaTransport(), null);
    }
}
