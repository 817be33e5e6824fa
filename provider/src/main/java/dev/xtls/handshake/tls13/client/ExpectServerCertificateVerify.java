package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.CertificateVerify;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;
import java.security.cert.X509Certificate;

/** Waits for the server's CertificateVerify (RFC 8446 §4.4.3), which proves it holds the certificate's key. */
record ExpectServerCertificateVerify(Tls13ClientNegotiated negotiated, X509Certificate serverLeaf)
        implements Tls13ClientState {
    @Override
    public String expecting() {
        return "server CertificateVerify";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE_VERIFY)) {
            throw unexpected(message);
        }
        CertificateVerify verify = CertificateVerify.decode(message.body());
        byte[] hash = Tls13Secrets.transcriptHash(ctx, negotiated.secrets().suite());
        Tls13Signatures.verify(ctx.crypto(), true, verify.scheme(), verify.signature().toByteArray(),
                negotiated.offer().schemes(), serverLeaf, hash);
        ctx.received(message);
        ctx.updateSession(ctx.session().withKeyExchange(ctx.session().group(), verify.scheme()));
        return new ExpectServerFinished(negotiated);
    }
}
