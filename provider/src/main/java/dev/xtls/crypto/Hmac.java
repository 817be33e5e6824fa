package dev.xtls.crypto;

/**
 * HMAC with a fixed key (RFC 2104); reusable: {@link #doFinal()} resets it. {@link #close()} ends its use, so
 * that the implementation may reuse what it holds for another key; one kept for a connection's life need not.
 */
public interface Hmac extends AutoCloseable {
    void update(byte[] b, int off, int len);

    default void update(byte[] b) {
        update(b, 0, b.length);
    }

    byte[] doFinal();

    /** Writes the MAC into {@code out} at {@code off}; resets. */
    void doFinal(byte[] out, int off);

    int macLength();

    /** The underlying hash; its block length matters to constant-time CBC record checks. */
    HashAlgorithm algorithm();

    /** Ends the use of this HMAC and forgets its key; nothing else may be called afterwards. */
    @Override
    default void close() {
    }
}
