package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;
import java.security.cert.X509Certificate;

/** Waits for the client's CertificateVerify (RFC 8446 §4.4.3) over the transcript through its Certificate. */
record ExpectClientCertificateVerify(Tls13ServerNegotiated negotiated, X509Certificate clientLeaf)
        implements Tls13ServerState {
    @Override
    public String expecting() {
        return "client CertificateVerify";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE_VERIFY)) {
            throw unexpected(message);
        }
        Tls13Signatures.receive(ctx, negotiated.secrets().suite(), false, message, negotiated.clientVerifySchemes(),
                clientLeaf);
        return new ExpectClientFinished(negotiated);
    }
}
