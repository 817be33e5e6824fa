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

    /** Wipes the keys once the direction is closed or rekeyed; nothing can be sealed or opened afterwards. */
    void destroy();

    /** True once {@link #destroy} wiped the keys. */
    boolean isDestroyed();

    /** The type the record header carries for content of {@code type}; TLS 1.3 hides it (RFC 8446 §5.2). */
    default ContentType outerType(ContentType type) {
        return type;
    }

    /**
     * The content type of the record {@link #open} last opened, whose header carried {@code headerType}: the
     * header's type up to TLS 1.2, the type inside the protected record in TLS 1.3 (RFC 8446 §5.2).
     */
    default ContentType openedType(ContentType headerType) {
        return headerType;
    }
}
