package dev.xtls.handshake.tls13.client;

import dev.xtls.handshake.CertificateSignatureSchemes;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.Tls13Certificate;
import dev.xtls.message.Tls13CertificateRequest;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.OcspResponseCheck;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waits for an optional CertificateRequest (RFC 8446 §4.3.2), then the server's Certificate (§4.4.2), which the
 * trust manager judges.
 */
record ExpectServerCertificate(Tls13ClientNegotiated negotiated) implements Tls13ClientState {
    @Override
    public String expecting() {
        return negotiated.request() == null ? "CertificateRequest or server Certificate" : "server Certificate";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (message.type().equals(HandshakeType.CERTIFICATE_REQUEST) && negotiated.request() == null) {
            Tls13CertificateRequest request = Tls13CertificateRequest.decode(message.body());
            if (!request.requestContext().isEmpty()) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the server's CertificateRequest in"
                        + " the handshake has a non-empty certificate_request_context (RFC 8446 §4.3.2)");
            }
            List<SignatureScheme> schemes = request.extensions()
                    .find(ExtensionType.SIGNATURE_ALGORITHMS)
                    .map(e -> SignatureAlgorithms.decode(e.data()).schemes())
                    .orElseThrow(() -> new TlsException(AlertDescription.MISSING_EXTENSION, "the server's"
                            + " CertificateRequest lacks signature_algorithms (RFC 8446 §4.3.2)"));
            ctx.received(message);
            // the key manager reads the server's schemes from the handshake session, as with SunJSSE
            ctx.updateSession(ctx.session().withSignatureSchemes(ctx.session().localSignatureSchemes(),
                    CertificateSignatureSchemes.of(request.extensions(), schemes)));
            return new ExpectServerCertificate(negotiated.withRequest(request));
        }
        if (!message.type().equals(HandshakeType.CERTIFICATE)) {
            throw unexpected(message);
        }
        Tls13Certificate certificate = Tls13Certificate.decode(message.body());
        List<X509Certificate> chain = Tls13Certificates.chain(certificate, "server");
        if (chain.isEmpty()) {
            throw new TlsException(AlertDescription.DECODE_ERROR,
                    "server sent an empty certificate chain (RFC 8446 §4.4.2.4)");
        }
        List<Bytes> stapled = Tls13Certificates.stapledResponses(certificate, ctx.config().stapling().clientRequests());
        for (Bytes response : stapled) {
            OcspResponseCheck.checkStapled(chain, response.toByteArray(), ctx.config().clock().getAsLong());
        }
        // the trust manager reads them from the handshake session, as SunJSSE's does
        ctx.updateSession(ctx.session().withStatusResponses(stapled));
        ctx.config().peerVerifier().verifyServer(chain, Tls13Signatures.authType(chain.get(0), true));
        ctx.received(message);
        ctx.updateSession(ctx.session().withPeerCertificates(chain));
        return new ExpectServerCertificateVerify(negotiated, chain.get(0));
    }
}
