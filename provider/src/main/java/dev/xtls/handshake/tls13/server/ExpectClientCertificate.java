package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Certificates;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.message.Tls13Certificate;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Waits for the client's Certificate (RFC 8446 §4.4.2), possibly empty, which the trust manager judges. */
record ExpectClientCertificate(Tls13ServerNegotiated negotiated, ClientAuth auth) implements Tls13ServerState {
    @Override
    public String expecting() {
        return "client Certificate";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE)) {
            throw unexpected(message);
        }
        List<X509Certificate> chain = Tls13Certificates.chain(Tls13Certificate.decode(message.body()), "client");
        if (chain.isEmpty()) {
            if (auth == ClientAuth.NEED) {
                throw new TlsException(AlertDescription.CERTIFICATE_REQUIRED, "the client sent no certificate,"
                        + " but this server requires one (needClientAuth; RFC 8446 §4.4.2.4)");
            }
            ctx.received(message);
            return new ExpectClientFinished(negotiated);
        }
        ctx.config().peerVerifier().verifyClient(chain, Tls13Signatures.authType(chain.get(0), false));
        ctx.received(message);
        ctx.updateSession(ctx.session().withPeerCertificates(chain));
        return new ExpectClientCertificateVerify(negotiated, chain.get(0));
    }
}
