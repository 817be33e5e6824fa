package dev.xtls.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/** Secret bytes (premaster, master secret, traffic keys) that can be wiped; compared in constant time. */
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
    public byte[] reveal() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Constant-time comparison (MessageDigest.isEqual). */
    public boolean sameAs(byte[] other) {
        return !destroyed && MessageDigest.isEqual(bytes, other);
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "Secret(" + bytes.length + " bytes)";
    }
}
