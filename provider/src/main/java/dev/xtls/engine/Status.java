package dev.xtls.engine;

/** Mirrors SSLEngineResult.Status. */
public enum Status {
    OK, BUFFER_UNDERFLOW, BUFFER_OVERFLOW, CLOSED
}
