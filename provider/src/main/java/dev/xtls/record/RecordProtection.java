package dev.xtls.record;

import dev.xtls.wire.ContentType;
import java.nio.ByteBuffer;

/**
 * Protection of one direction's records under one set of keys (RFC 5246 §6.2.3). The sequence number is the
 * caller's: it resets to zero whenever a new protection is installed (RFC 5246 §6.1).
 */
public interface RecordProtection {
    /** Bytes a fragment grows by when protected (explicit nonce + tag, or MAC + padding). */
    int maxExpansion();

    /** The fragment length for {@code plaintextLength} bytes of plaintext. */
    int protectedLength(int plaintextLength);

    /** Largest plaintext a fragment of {@code fragmentLength} bytes can hold; negative if it is too short. */
    int maxPlaintextLength(int fragmentLength);

    /**
     * Protects {@code plaintext.remaining()} bytes and writes the fragment to {@code out}; returns the fragment
     * length. {@code version} is the record version that goes into the additional data.
     */
    int seal(long seq, ContentType type, int version, ByteBuffer plaintext, ByteBuffer out);

    /**
     * Checks and removes protection from {@code fragment.remaining()} bytes into {@code out}; returns the
     * plaintext length. Any failure is a bad_record_mac {@link dev.xtls.wire.TlsException}, whatever its cause.
     */
    int open(long seq, ContentType type, int version, ByteBuffer fragment, ByteBuffer out);
}
