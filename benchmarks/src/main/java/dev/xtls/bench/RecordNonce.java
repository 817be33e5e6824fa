package dev.xtls.bench;

/** The raw cipher benchmarks' per-record inputs, shaped as TLS 1.2 AEAD records (RFC 5288 §3, RFC 7905 §2). */
final class RecordNonce {
    private RecordNonce() {
    }

    /**
     * Writes record {@code sequence}'s explicit nonce into the last 8 bytes of {@code nonce} and its 13-byte
     * additional data (sequence number, type 23, version 3.3, length {@code size}) into {@code aad}.
     */
    static void next(long sequence, int size, byte[] nonce, byte[] aad) {
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
            aad[i] = nonce[4 + i];
        }
        aad[8] = 23;
        aad[9] = 3;
        aad[10] = 3;
        aad[11] = (byte) (size >>> 8);
        aad[12] = (byte) size;
    }
}
