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
    private final byte[] bytes;
    private boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
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
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return bytes.clone();
    }

    /** An independent copy, which the caller destroys when done; empty once this secret was destroyed. */
    public synchronized Optional<Secret> copy() {
        return destroyed ? Optional.empty() : Optional.of(new Secret(bytes.clone()));
    }

    public int length() {
        return bytes.length;
    }

    /** Constant-time comparison (MessageDigest.isEqual). */
    public synchronized boolean sameAs(byte[] other) {
        return !destroyed && MessageDigest.isEqual(bytes, other);
    }

    @Override
    public synchronized void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "Secret(" + bytes.length + " bytes)";
    }
}
