package dev.xtls.crypto;

/**
 * Record ciphers (RFC 5246 §6.2.3). AEAD lengths: RFC 5288 §3 (AES-GCM: 4-byte salt from the key block,
 * 8-byte explicit nonce per record) and RFC 7905 §2 (ChaCha20-Poly1305: 12-byte IV XORed with the sequence
 * number, no explicit nonce).
 */
public enum BulkCipher {
    AES_128_GCM(16, 4, 8, 16),
    AES_256_GCM(32, 4, 8, 16),
    CHACHA20_POLY1305(32, 12, 0, 16);

    private final int keyLength;
    private final int fixedIvLength;
    private final int recordIvLength;
    private final int tagLength;

    BulkCipher(int keyLength, int fixedIvLength, int recordIvLength, int tagLength) {
        this.keyLength = keyLength;
        this.fixedIvLength = fixedIvLength;
        this.recordIvLength = recordIvLength;
        this.tagLength = tagLength;
    }

    public int keyLength() {
        return keyLength;
    }

    /** Implicit IV bytes taken from the key block. */
    public int fixedIvLength() {
        return fixedIvLength;
    }

    /** Explicit nonce bytes sent in each record. */
    public int recordIvLength() {
        return recordIvLength;
    }

    public int tagLength() {
        return tagLength;
    }
}
