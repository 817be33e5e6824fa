package dev.xtls.handshake;

import dev.xtls.wire.Bytes;

/**
 * Receives each secret a handshake derives that a debugger needs to decrypt the connection, in the terms of the
 * NSS key log format: {@code CLIENT_RANDOM} (the TLS 1.2 master secret) and the TLS 1.3 traffic and exporter
 * secret labels. The secret array is the sink's to use during the call only; it is wiped afterwards.
 */
@FunctionalInterface
public interface KeyLogSink {
    /** Logs nothing; the handshake does not even reveal its secrets for it. */
    KeyLogSink NONE = (label, clientRandom, secret) -> { };

    /** {@code label}: the NSS key log label; {@code clientRandom}: the connection's ClientHello.random. */
    void secret(String label, Bytes clientRandom, byte[] secret);
}
