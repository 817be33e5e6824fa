package dev.xtls.crypto.jca;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * A few {@link Cipher} objects of one transformation, shared by all connections of one context, so that an idle
 * connection holds its record keys and no Cipher (about 600 bytes each with AES's key schedule). A record takes
 * one, re-initialises it with its own key and nonce, and gives it back. Each key (one per direction of a
 * connection) has a home slot of its own, handed out in turn, and takes from and gives back to it first: SunJCE
 * recomputes the AES key schedule whenever a Cipher sees another key than last time, which costs twice a 1 KiB
 * record, so a connection that reads and writes in turn must not share one Cipher between its two keys. Keys
 * share a slot only when there are more of them than slots. Lock-free: each slot is taken and given back by
 * compare-and-set, slots one cache line apart. An empty slot makes a new Cipher; a full one drops what is given
 * back, so the pool holds at most one Cipher per slot.
 */
final class CipherPool {
    /** Slots one cache line apart: 16 references of 4 bytes (compressed) fill a 64-byte line. */
    private static final int STRIDE = 16;

    private final String transformation;
    private final int size;
    private final AtomicReferenceArray<PooledCipher> slots;
    private final AtomicInteger nextHome = new AtomicInteger();

    CipherPool(String transformation, int size) {
        this.transformation = transformation;
        this.size = size;
        this.slots = new AtomicReferenceArray<>(size * STRIDE);
    }

    /** The home slot of a new key: each in turn. */
    int newHome() {
        return Math.floorMod(nextHome.getAndIncrement(), size);
    }

    /**
     * A Cipher of this pool's transformation, in no particular state: the caller initialises it. The one in the
     * caller's {@code home} slot, most likely the one its key used last; a new one when that slot is empty (first
     * use, or the Cipher is out with another key's record on another thread).
     */
    PooledCipher take(int home) {
        int slot = home * STRIDE;
        PooledCipher c = slots.get(slot);
        if (c != null && slots.compareAndSet(slot, c, null)) {
            return c;
        }
        return newCipher();
    }

    /**
     * Puts {@code c}, taken from this pool or made by {@link #newCipher}, back in {@code home} once its record is
     * done; drops it when another one was put there meanwhile.
     */
    void give(PooledCipher c, int home) {
        slots.compareAndSet(home * STRIDE, null, c);
    }

    /** A Cipher that has never been initialised: the JDK remembers nothing of an earlier key or nonce. */
    PooledCipher newCipher() {
        try {
            return new PooledCipher(Cipher.getInstance(transformation));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + transformation, e);
        }
    }
}
