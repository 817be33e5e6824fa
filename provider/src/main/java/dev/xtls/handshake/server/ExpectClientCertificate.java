package dev.xtls.handshake.server;

import dev.xtls.handshake.ClientAuth;
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

/** Waits for the client's Certificate after a CertificateRequest (RFC 5246 §7.4.6). */
record ExpectClientCertificate(ServerNegotiated negotiated, ServerKeyAgreement agreement, ClientAuth auth) implements ServerState {
    @Override
    public String expecting() {
        return "client Certificate";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE)) {
            throw unexpected(message);
        }
        CertificateMessage certificate = CertificateMessage.decode(message.body());
        if (certificate.certificates().isEmpty()) {
            if (auth == ClientAuth.NEED) {
                throw new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                        "the client sent no certificate, but this server requires one (needClientAuth)");
            }
            ctx.received(message);
            return new ExpectClientKeyExchange(negotiated, agreement, false);
        }
        List<X509Certificate> chain = CertificateChains.parse(certificate.certificates());
        ctx.config().peerVerifier().verifyClient(chain, SignatureSchemes.keyType(chain.get(0).getPublicKey()));
        ctx.received(message);
        ctx.updateSession(ctx.session().withPeerCertificates(chain));
        return new ExpectClientKeyExchange(negotiated, agreement, true);
    }
}
