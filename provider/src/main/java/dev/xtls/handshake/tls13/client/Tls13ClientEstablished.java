package dev.xtls.handshake.tls13.client;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.UnexpectedMessage;
import dev.xtls.handshake.tls13.ApplicationSecrets;
import dev.xtls.handshake.tls13.PostHandshake;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.HandshakeType;

/**
 * A TLS 1.3 client after the handshake (RFC 8446 §4.6): a NewSessionTicket is kept for resumption, KeyUpdate
 * switches keys; there is no renegotiation in TLS 1.3.
 */
record Tls13ClientEstablished(ApplicationSecrets secrets, Secret resumptionMaster, Tls13Suite suite)
        implements Tls13ClientState {
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
        throw unexpected(message);
    }

    /** §5: a ChangeCipherSpec after the peer's Finished is an unexpected record. */
    @Override
    public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        throw UnexpectedMessage.of("ChangeCipherSpec", "application data (TLS 1.3, RFC 8446 §5)");
    }
}
