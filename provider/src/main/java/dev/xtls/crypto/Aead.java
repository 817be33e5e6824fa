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
     * Encrypts {@code plaintext.remaining()} bytes followed by {@code trailer.remaining()} bytes as one message
     * into {@code out}, followed by the tag; returns bytes written. The TLS 1.3 record layer appends the content
     * type and padding this way without copying the content (RFC 8446 §5.2).
     */
    int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer trailer, ByteBuffer out);

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
