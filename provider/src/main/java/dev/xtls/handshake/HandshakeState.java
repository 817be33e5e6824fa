package dev.xtls.handshake;

import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.TlsException;

/**
 * One state of one side's handshake: it accepts the messages it expects and returns the next state; anything
 * else goes through {@link UnexpectedMessage}. Each side's states form a sealed hierarchy of their own.
 */
public interface HandshakeState {
    HandshakeState onHandshake(HandshakeContext ctx, RawHandshakeMessage message);

    default HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        throw UnexpectedMessage.of("ChangeCipherSpec", expecting());
    }

    /**
     * The peer answered a renegotiation request with a no_renegotiation warning (RFC 5246 §7.2.2): a state that
     * waits for the peer's first hello of a renegotiation returns to {@link Established}; others go on.
     */
    default HandshakeState onNoRenegotiation(HandshakeContext ctx) {
        return this;
    }

    /** What this state waits for, for error messages. */
    String expecting();

    /** Default rejection for a handshake message this state does not take. */
    default TlsException unexpected(RawHandshakeMessage message) {
        return UnexpectedMessage.of(message.type().name(), expecting());
    }
}
