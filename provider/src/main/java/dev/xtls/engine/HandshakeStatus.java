package dev.xtls.engine;

/** Mirrors SSLEngineResult.HandshakeStatus without NEED_TASK: the core never delegates work to other threads. */
public enum HandshakeStatus {
    NOT_HANDSHAKING, FINISHED, NEED_WRAP, NEED_UNWRAP
}
