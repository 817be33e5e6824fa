package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.Tls13Established;
import dev.xtls.handshake.UnexpectedMessage;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.PostHandshake;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/**
 * A TLS 1.3 client after the handshake (RFC 8446 §4.6): a NewSessionTicket is kept for resumption, KeyUpdate
 * switches keys, a CertificateRequest is answered (§4.6.2) when post_handshake_auth was offered; there is no
 * renegotiation in TLS 1.3: the application's request for a handshake sends a KeyUpdate.
 */
record Tls13ClientEstablished(ApplicationSecrets secrets, Secret resumptionMaster, Tls13Suite suite,
        PostHandshakeAuthAnswer postHandshakeAuth) implements Tls13ClientState, Tls13Established {
    @Override
    public String expecting() {
        return "application data";
    }

    @Override
    public HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message) {
        if (message.type().equals(HandshakeType.NEW_SESSION_TICKET)) {
            ClientTickets.onNewSessionTicket(ctx, resumptionMaster, suite, message);
            return this;
        }
        if (message.type().equals(HandshakeType.KEY_UPDATE)) {
            PostHandshake.keyUpdate(ctx, secrets, true, message);
            return this;
        }
        if (message.type().equals(HandshakeType.CERTIFICATE_REQUEST)) {
            postHandshakeAuth.answer(ctx, secrets, message);
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
        return null;
    }

    /** As SunJSSE: a client's request for a handshake on a TLS 1.3 connection is a KeyUpdate (§4.6.3). */
    @Override
    public HandshakeState applicationRequest(HandshakeContext current, HandshakeConfig latest) {
        PostHandshake.requestKeyUpdate(current, secrets, true);
        return this;
    }
}
