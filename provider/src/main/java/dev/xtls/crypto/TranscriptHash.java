package dev.xtls.crypto;

/** A running hash over handshake messages; {@link #current()} does not end it (RFC 5246 §7.4.9). */
public interface TranscriptHash {
    void update(byte[] b, int off, int len);

    default void update(byte[] b) {
        update(b, 0, b.length);
    }

    /** Hash of everything so far; the hash goes on accepting input. */
    byte[] current();

    HashAlgorithm algorithm();
}
