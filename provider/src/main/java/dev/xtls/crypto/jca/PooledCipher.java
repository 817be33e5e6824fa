package dev.xtls.crypto.jca;

import javax.crypto.Cipher;

/**
 * A {@link CipherPool}'s Cipher with the heap scratch array its records borrow when a caller's buffer is not
 * array-backed (direct or read-only): SunJCE's AES-GCM is intrinsified on byte[] and works through direct buffers
 * in small copied chunks, 0.8× the speed. The scratch lives in the pool with the Cipher, so an idle connection
 * holds none; it is made the first time a direct record needs it and grows to the largest such record. Input
 * and output have an array each: JDK 17's GCM copies the whole input (16 KiB) when both are one array.
 */
final class PooledCipher {
    final Cipher cipher;
    private byte[] input;
    private byte[] output;

    PooledCipher(Cipher cipher) {
        this.cipher = cipher;
    }

    /** At least {@code length} bytes for a record's input, in no particular state. */
    byte[] input(int length) {
        if (input == null || input.length < length) {
            input = new byte[length];
        }
        return input;
    }

    /** At least {@code length} bytes for a record's output, in no particular state. */
    byte[] output(int length) {
        if (output == null || output.length < length) {
            output = new byte[length];
        }
        return output;
    }
}
