package dev.xtls.crypto;

/**
 * Record ciphers (RFC 5246 §6.2.3). AEAD lengths: RFC 5288 §3 (AES-GCM: 4-byte salt from the key block,
 * 8-byte explicit nonce per record) and RFC 7905 §2 (ChaCha20-Poly1305: 12-byte IV XORed with the sequence
 * number, no explicit nonce). CBC (RFC 5246 §6.2.3.2): no IV from the key block, a random block-sized IV in
 * every record, no tag (the MAC comes from the suite's HMAC).
 */
public enum BulkCipher {
    AES_128_GCM(true, 16, 4, 8, 16, 0),
    AES_256_GCM(true, 32, 4, 8, 16, 0),
    CHACHA20_POLY1305(true, 32, 12, 0, 16, 0),
    AES_128_CBC(false, 16, 0, 16, 0, 16),
    AES_256_CBC(false, 32, 0, 16, 0, 16);

    private final boolean aead;
    private final int keyLength;
    private final int fixedIvLength;
    private final int recordIvLength;
    private final int tagLength;
    private final int blockLength;

    BulkCipher(boolean aead, int keyLength, int fixedIvLength, int recordIvLength, int tagLength, int blockLength) {
        this.aead = aead;
        this.keyLength = keyLength;
        this.fixedIvLength = fixedIvLength;
        this.recordIvLength = recordIvLength;
        this.tagLength = tagLength;
        this.blockLength = blockLength;
    }

    /** An AEAD cipher (RFC 5246 §6.2.3.3), used through {@link Aead}. */
    public boolean isAead() {
        return aead;
    }

    /** A block cipher in CBC mode with a separate MAC (RFC 5246 §6.2.3.2), used through {@link BlockCipherCbc}. */
    public boolean isCbc() {
        return !aead;
    }

    public int keyLength() {
        return keyLength;
    }

    /** Implicit IV bytes taken from the key block. */
    public int fixedIvLength() {
        return fixedIvLength;
    }

    /** Explicit nonce (AEAD) or IV (CBC) bytes sent in each record. */
    public int recordIvLength() {
        return recordIvLength;
    }

    /** AEAD tag bytes; 0 for CBC. */
    public int tagLength() {
        return tagLength;
    }

    /** Cipher block bytes for CBC; 0 for AEAD ciphers, which need no padding. */
    public int blockLength() {
        return blockLength;
    }
}
