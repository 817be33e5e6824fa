package dev.xtls.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * Secret bytes (premaster, master secret, traffic keys) that can be wiped; compared in constant time. Safe to
 * share between threads: a cached master secret may be destroyed while another handshake copies it.
 */
public final class Secret implements Destroyable {
    private final int length;
    private byte[] bytes; // guarded by this; null once destroyed (a wiped array is not kept)

    private Secret(byte[] bytes) {
        this.bytes = bytes;
        this.length = bytes.length;
    }

    /** Takes ownership of {@code b}. */
    public static Secret wrap(byte[] b) {
        return new Secret(b);
    }

    public static Secret copyOf(byte[] b) {
        return new Secret(b.clone());
    }

    /** A copy of the secret; the caller wipes it when done. */
    public synchronized byte[] reveal() {
        if (bytes == null) {
            throw new IllegalStateException("secret was destroyed");
        }
        return bytes.clone();
    }

    /** An independent copy, which the caller destroys when done; empty once this secret was destroyed. */
    public synchronized Optional<Secret> copy() {
        return bytes == null ? Optional.empty() : Optional.of(new Secret(bytes.clone()));
    }

    public int length() {
        return length;
    }

    /** Constant-time comparison (MessageDigest.isEqual). */
    public synchronized boolean sameAs(byte[] other) {
        return bytes != null && MessageDigest.isEqual(bytes, other);
    }

    @Override
    public synchronized void destroy() {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
            bytes = null;
        }
    }

    @Override
    public synchronized boolean isDestroyed() {
        return bytes == null;
    }

    @Override
    public String toString() {
        return "Secret(" + length + " bytes)";
    }
}
