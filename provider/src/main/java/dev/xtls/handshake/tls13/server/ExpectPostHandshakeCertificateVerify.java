package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;
import java.security.cert.X509Certificate;
import java.util.List;

/** Waits for the client's post-handshake CertificateVerify (RFC 8446 §4.4.3, §4.6.2). */
record ExpectPostHandshakeCertificateVerify(Tls13ServerEstablished established, List<X509Certificate> chain)
        implements HandshakeState {
    @Override
    public String expecting() {
        return "client CertificateVerify (post-handshake authentication)";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.CERTIFICATE_VERIFY)) {
            throw unexpected(message);
        }
        Tls13Signatures.receive(ctx, established.secrets().suite(), false, message,
                Tls13ServerHandshake.clientVerifySchemes(ctx), chain.get(0));
        return new ExpectPostHandshakeFinished(established);
    }
}
