package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls13Established;
import dev.xtls.handshake.UnexpectedMessage;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.PostHandshake;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/**
 * A TLS 1.3 server after the handshake (RFC 8446 §4.6): KeyUpdate only; no renegotiation in TLS 1.3. The
 * application's request for a handshake asks an unauthenticated client for its certificate when client
 * authentication is now wanted or needed (§4.6.2, the 1.3 form of a renegotiation step-up), else sends a KeyUpdate.
 */
record Tls13ServerEstablished(ApplicationSecrets secrets, PostHandshakeAuthOffer postHandshakeAuth)
        implements Tls13ServerState, Tls13Established {
    @Override
    public String expecting() {
        return "application data";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (message.type().equals(HandshakeType.KEY_UPDATE)) {
            PostHandshake.keyUpdate(ctx, secrets, false, message);
            return this;
        }
        throw unexpected(message);
    }

    /** §5: a ChangeCipherSpec after the peer's Finished is an unexpected record. */
    @Override
    public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        throw UnexpectedMessage.of("ChangeCipherSpec", "application data (TLS 1.3, RFC 8446 §5)");
    }

    @Override
    public String refusal(HandshakeContext current, HandshakeConfig latest) {
        if (latest.clientAuth() == ClientAuth.NEED && unauthenticated(current) && !postHandshakeAuth.offered()) {
            return "cannot authenticate the client after the handshake: it did not offer post_handshake_auth"
                    + " (RFC 8446 §4.6.2; a client offers it when it has a key manager)";
        }
        return null;
    }

    @Override
    public HandshakeState applicationRequest(HandshakeContext current, HandshakeConfig latest) {
        if (latest.clientAuth() != ClientAuth.NONE && unauthenticated(current) && postHandshakeAuth.offered()) {
            HandshakeContext next = current.output().renegotiation(current.nextRenegotiation());
            return PostHandshakeCertificateRequest.send(next, current.session(), this);
        }
        PostHandshake.requestKeyUpdate(current, secrets, false);
        return this;
    }

    private static boolean unauthenticated(HandshakeContext current) {
        return current.session().peerCertificates().isEmpty();
    }
}
