package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.CertificateStatus;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;
import dev.xtls.x509.OcspResponseCheck;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * After a Certificate whose ServerHello acknowledged status_request: an optional CertificateStatus (RFC 6066 §8),
 * whose OCSP response the trust manager sees through the handshake session (as with SunJSSE) when it judges the
 * chain. Without one, the chain is judged as it is and the message goes to the next state.
 */
record ExpectCertificateStatus(ClientNegotiated negotiated, List<X509Certificate> chain) implements ClientState {
    @Override
    public String expecting() {
        return "CertificateStatus";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (!message.type().equals(HandshakeType.CERTIFICATE_STATUS)) {
            // §8: "a server MAY also choose not to send a CertificateStatus message"
            return ExpectServerCertificate.verified(ctx, negotiated, chain).onHandshake(ctx, message);
        }
        CertificateStatus status = CertificateStatus.decode(message.body());
        OcspResponseCheck.checkStapled(chain, status.ocspResponse().toByteArray(), ctx.config().clock().getAsLong());
        ctx.updateSession(ctx.session().withStatusResponses(List.of(status.ocspResponse())));
        ClientState next = ExpectServerCertificate.verified(ctx, negotiated, chain);
        ctx.received(message);
        return next;
    }
}
