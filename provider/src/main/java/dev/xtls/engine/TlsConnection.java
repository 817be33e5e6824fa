package dev.xtls.engine;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.session.SessionState;
import java.nio.ByteBuffer;

/**
 * One TLS connection without I/O: the SSLEngine contract over byte buffers. wrap and unwrap may be called from
 * two threads at once. A fatal error throws {@link dev.xtls.wire.TlsException}; the alert is then pending
 * (NEED_WRAP) and the next wrap sends it, after which both directions are closed.
 */
public final class TlsConnection {
    private final HandshakeConfig config;

    public TlsConnection(HandshakeConfig config) {
        this.config = config;
    }

    public HandshakeConfig config() {
        return config;
    }

    /** Starts the initial handshake (a later call while established is a renegotiation: not yet supported). */
    public void beginHandshake() {
        throw new UnsupportedOperationException("under construction");
    }

    /** Produces at most one record's worth of output (handshake, alert or application data) into {@code dst}. */
    public Outcome wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        throw new UnsupportedOperationException("under construction");
    }

    /** Consumes at most one record from {@code src}; application data goes into {@code dsts}. */
    public Outcome unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException("under construction");
    }

    public HandshakeStatus handshakeStatus() {
        throw new UnsupportedOperationException("under construction");
    }

    /** Queues close_notify (RFC 5246 §7.2.1); the next wrap sends it. */
    public void closeOutbound() {
        throw new UnsupportedOperationException("under construction");
    }

    /** Throws TlsException (internal_error) if the peer's close_notify was not received: possible truncation. */
    public void closeInbound() {
        throw new UnsupportedOperationException("under construction");
    }

    public boolean isInboundDone() {
        throw new UnsupportedOperationException("under construction");
    }

    public boolean isOutboundDone() {
        throw new UnsupportedOperationException("under construction");
    }

    /** The established session, or null before the first handshake completes. */
    public SessionState session() {
        throw new UnsupportedOperationException("under construction");
    }

    /** The session being negotiated, or null when no handshake is in progress. */
    public SessionState handshakeSession() {
        throw new UnsupportedOperationException("under construction");
    }

    /** Largest record this connection sends or accepts: header + 2^14 + AEAD/CBC expansion (RFC 5246 §6.2.3). */
    public static int maxPacketSize() {
        return 5 + 16384 + 2048;
    }

    /** Largest plaintext of one record (RFC 5246 §6.2.1). */
    public static int maxApplicationSize() {
        return 16384;
    }
}
