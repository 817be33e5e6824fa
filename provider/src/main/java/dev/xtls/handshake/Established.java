package dev.xtls.handshake;

/**
 * After a handshake: application data flows. A renegotiation (RFC 5746) re-enters the same hello states with
 * {@link #renegotiation()} carried in — one handshake implementation; each side's state decides whether to take
 * part in a renegotiation its peer asks for.
 */
public interface Established extends HandshakeState {
    /** What the next handshake on this connection is bound to. */
    RenegotiationContext renegotiation();

    /**
     * The application asks for a new handshake (SSLEngine.beginHandshake, SSLSocket.startHandshake); the
     * connection has checked {@link RenegotiationContext#secure()} and made {@code next}, the new handshake's context.
     */
    HandshakeState renegotiate(HandshakeContext next);

    @Override
    default String expecting() {
        return "application data";
    }
}
