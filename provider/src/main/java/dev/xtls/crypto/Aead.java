package dev.xtls.crypto;

import java.nio.ByteBuffer;
import javax.security.auth.Destroyable;

/**
 * An AEAD cipher bound to one key (RFC 5116). Seal and open read from one buffer and write to another; the
 * two may share a backing array at the same offset (in-place).
 */
public interface Aead extends Destroyable {
    /** Encrypts {@code plaintext.remaining()} bytes into {@code out}, followed by the tag; returns bytes written. */
    int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer out);

    /**
     * As {@link #seal(byte[], byte[], ByteBuffer, ByteBuffer)} with the nonce and the additional data in one array
     * (the 12-byte nonce at 0, {@code aadLength} bytes of additional data at 12), so a record direction keeps one
     * scratch array. {@code trailer}, when not null, follows the plaintext as one message: the TLS 1.3 record
     * layer appends the content type and padding this way without copying the content (RFC 8446 §5.2).
     */
    int seal(byte[] nonceAndAad, int aadLength, ByteBuffer plaintext, ByteBuffer trailer, ByteBuffer out);

    /** As {@link #open(byte[], byte[], ByteBuffer, ByteBuffer)} with nonce and additional data in one array. */
    int open(byte[] nonceAndAad, int aadLength, ByteBuffer ciphertextAndTag, ByteBuffer out);

    /**
     * Decrypts {@code ciphertextAndTag.remaining()} bytes into {@code out}; returns plaintext bytes written.
     * A tag mismatch throws a {@link dev.xtls.wire.TlsException} with bad_record_mac and writes nothing useful.
     */
    int open(byte[] nonce, byte[] aad, ByteBuffer ciphertextAndTag, ByteBuffer out);

    BulkCipher cipher();

    /** Wipes the key; seal and open fail with internal_error afterwards. */
    @Override
    void destroy();
}
