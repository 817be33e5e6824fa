package dev.xtls.crypto;

/**
 * A block cipher in CBC mode without padding, bound to one key; the caller supplies the IV of each record and
 * does the TLS padding itself (RFC 5246 §6.2.3.2). Input and output may be the same array at the same offset
 * (in-place). Lengths must be multiples of {@link BulkCipher#blockLength()}.
 */
public interface BlockCipherCbc extends javax.security.auth.Destroyable {
    /** Encrypts {@code len} bytes of {@code in} at {@code inOff} into {@code out} at {@code outOff}. */
    void encrypt(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff);

    /** Decrypts {@code len} bytes of {@code in} at {@code inOff} into {@code out} at {@code outOff}. */
    void decrypt(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff);

    BulkCipher cipher();

    /** Wipes the key; encrypt and decrypt fail with internal_error afterwards. */
    @Override
    void destroy();
}
