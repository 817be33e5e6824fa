package dev.xtls.engine;

/** The result of one wrap or unwrap: exact byte counts, as SSLEngineResult reports them. */
public record Outcome(Status status, HandshakeStatus handshakeStatus, int bytesConsumed, int bytesProduced) {
}
