package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;

/** RFC 8446 §4.6.2: the server asks for the client's certificate after the handshake. */
final class PostHandshakeCertificateRequest {
    /** §4.3.2: the context is unique within the connection; 32 random bytes are. */
    private static final int CONTEXT_LENGTH = 32;

    private PostHandshakeCertificateRequest() {
    }

    /** {@code next}: the request's own context, with the handshake's transcript through client Finished (§4.4.1). */
    static HandshakeState send(HandshakeContext next, SessionState session, Tls13ServerEstablished established) {
        next.updateSession(session);
        next.transcript().add(established.postHandshakeAuth().handshakeTranscript());
        Bytes requestContext = next.newRandomBytes(CONTEXT_LENGTH);
        next.send(Tls13ServerHandshake.certificateRequest(next, Tls13ServerHandshake.clientVerifySchemes(next),
                requestContext));
        return new ExpectPostHandshakeCertificate(established, requestContext);
    }
}
