package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.Tls13Certificate;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Waits for the client's Certificate answering a post-handshake CertificateRequest (RFC 8446 §4.6.2). */
record ExpectPostHandshakeCertificate(Tls13ServerEstablished established, Bytes requestContext)
        implements HandshakeState {
    @Override
    public String expecting() {
        return "client Certificate (post-handshake authentication)";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE)) {
            throw unexpected(message);
        }
        List<X509Certificate> chain = Tls13Certificates.chain(Tls13Certificate.decode(message.body()), "client",
                requestContext);
        if (chain.isEmpty()) {
            if (ctx.config().clientAuth() == ClientAuth.NEED) {
                throw new TlsException(AlertDescription.CERTIFICATE_REQUIRED, "the client sent no certificate after"
                        + " the handshake, but this server requires one (needClientAuth; RFC 8446 §4.4.2.4)");
            }
            ctx.received(message);
            return new ExpectPostHandshakeFinished(established);
        }
        ctx.config().peerVerifier().verifyClient(chain, Tls13Signatures.authType(chain.get(0), false));
        ctx.received(message);
        ctx.updateSession(ctx.session().withPeerCertificates(chain));
        return new ExpectPostHandshakeCertificateVerify(established, chain);
    }
}
