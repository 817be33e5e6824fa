package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.SignatureScheme;
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
        SignatureScheme scheme = Tls13Signatures.receive(ctx, negotiated.secrets().suite(), true, message,
                negotiated.offer().schemes(), serverLeaf);
        ctx.updateSession(ctx.session().withKeyExchange(ctx.session().group(), scheme));
        return new ExpectServerFinished(negotiated);
    }
}
