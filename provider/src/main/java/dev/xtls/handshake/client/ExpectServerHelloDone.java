package dev.xtls.handshake.client;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.message.CertificateRequest;
import dev.xtls.message.ServerHelloDone;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;
import java.security.cert.X509Certificate;

/** Waits for an optional CertificateRequest and then ServerHelloDone (RFC 5246 §7.4.4-7.4.5). */
record ExpectServerHelloDone(ClientNegotiated negotiated, X509Certificate serverLeaf, KeyAgreementInput keyAgreement,
        CertificateRequest certificateRequest) implements ClientState {
    @Override
    public String expecting() {
        return certificateRequest == null ? "CertificateRequest or ServerHelloDone" : "ServerHelloDone";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (ClientState.ignoredHelloRequest(ctx, message)) {
            return this;
        }
        if (message.type().equals(HandshakeType.CERTIFICATE_REQUEST) && certificateRequest == null) {
            CertificateRequest request = CertificateRequest.decode(message.body());
            ctx.received(message);
            // The key manager reads the server's schemes from the handshake session, as with SunJSSE
            ctx.updateSession(ctx.session().withSignatureSchemes(ctx.session().localSignatureSchemes(),
                    request.signatureSchemes()));
            return new ExpectServerHelloDone(negotiated, serverLeaf, keyAgreement, request);
        }
        if (!message.type().equals(HandshakeType.SERVER_HELLO_DONE)) {
            throw unexpected(message);
        }
        ServerHelloDone.decode(message.body());
        ctx.received(message);
        return ClientKeyExchangeFlight.send(ctx, negotiated, serverLeaf, keyAgreement, certificateRequest);
    }
}
