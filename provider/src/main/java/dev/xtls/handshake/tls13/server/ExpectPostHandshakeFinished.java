package dev.xtls.handshake.tls13.server;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.handshake.tls13.Tls13Secrets;
import dev.xtls.message.Finished;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;

/**
 * Waits for the client's post-handshake Finished, keyed from its application traffic secret (RFC 8446 §4.4,
 * §4.4.4); then the session with the client's certificates (if it sent any) is published.
 */
record ExpectPostHandshakeFinished(Tls13ServerEstablished established) implements HandshakeState {
    @Override
    public String expecting() {
        return "client Finished (post-handshake authentication)";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (!message.type().equals(HandshakeType.FINISHED)) {
            throw unexpected(message);
        }
        Finished finished = Finished.decode(message.body(), established.secrets().suite().hash().outputLength());
        byte[] expected = established.secrets().clientFinished(Tls13Secrets.transcriptHash(ctx,
                established.secrets().suite()));
        if (!MessageDigest.isEqual(expected, finished.verifyData().toByteArray())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "the client's post-handshake Finished does not"
                    + " match (RFC 8446 §4.4.4)");
        }
        ctx.received(message);
        ctx.established(SessionOrigin.NEW);
        return established;
    }
}
