package dev.xtls.handshake.server;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls12Secrets.TrafficProtection;
import dev.xtls.message.CertificateVerify;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.SignatureSchemes;
import java.security.cert.X509Certificate;

/** Waits for the client's proof that it holds its certificate's key (RFC 5246 §7.4.8). */
record ExpectCertificateVerify(ServerNegotiated negotiated, Secret master, TrafficProtection keys)
        implements ServerState {
    @Override
    public String expecting() {
        return "CertificateVerify";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE_VERIFY)) {
            throw unexpected(message);
        }
        CertificateVerify verify = CertificateVerify.decode(message.body());
        X509Certificate leaf = ctx.session().peerCertificates().get(0);
        String keyType = SignatureSchemes.keyType(leaf.getPublicKey());
        if (!negotiated.certificateVerifySchemes().contains(verify.scheme())
                || !SignatureSchemes.matchesKeyType(verify.scheme(), keyType)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "client signed with " + verify.scheme()
                    + ", which is not among " + negotiated.certificateVerifySchemes() + " for a " + keyType + " key");
        }
        if (!ctx.crypto().verify(verify.scheme(), leaf.getPublicKey(), ctx.transcript().messages(),
                verify.signature().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "CertificateVerify signature ("
                    + verify.scheme() + ") does not verify with the key of " + leaf.getSubjectX500Principal());
        }
        ctx.received(message);
        ctx.updateSession(ctx.session().withKeyExchange(ctx.session().group(), verify.scheme()));
        return new ExpectClientChangeCipherSpec(negotiated, master, keys);
    }
}
