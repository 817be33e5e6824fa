package dev.xtls.engine;

/** Told when each handshake of a connection completes or fails; called with the connection's locks held. */
@FunctionalInterface
public interface HandshakeTraceListener {
    HandshakeTraceListener NONE = trace -> { };

    void handshakeEnded(HandshakeTrace trace);
}
