package dev.xtls.crypto.jca;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * A few {@link Cipher} objects of one transformation, shared by all connections of one context, so that an idle
 * connection holds its record keys and no Cipher (about 600 bytes each with AES's key schedule). A record takes
 * one, re-initialises it with its own key and nonce, and gives it back. Lock-free: each slot is taken and given
 * back by compare-and-set; a thread starts at a slot of its own, one cache line from the others', so threads
 * rarely meet and a connection served by one thread mostly gets back the Cipher that already holds its AES key
 * schedule (SunJCE recomputes it only when the key changes). An empty pool creates a Cipher; a full one drops
 * what is given back.
 */
final class CipherPool {
    /** Slots one cache line apart: 16 references of 4 bytes (compressed) fill a 64-byte line. */
    private static final int STRIDE = 16;

    private final String transformation;
    private final int size;
    private final AtomicReferenceArray<Cipher> slots;

    CipherPool(String transformation, int size) {
        this.transformation = transformation;
        this.size = size;
        this.slots = new AtomicReferenceArray<>(size * STRIDE);
    }

    /** A Cipher of this pool's transformation, in no particular state: the caller initialises it. */
    Cipher take() {
        int start = home();
        for (int i = 0; i < size; i++) {
            int slot = ((start + i) % size) * STRIDE;
            Cipher c = slots.get(slot);
            if (c != null && slots.compareAndSet(slot, c, null)) {
                return c;
            }
        }
        return newCipher();
    }

    /** Returns {@code c}, taken from this pool or made by {@link #newCipher}, once its record is done. */
    void give(Cipher c) {
        int start = home();
        for (int i = 0; i < size; i++) {
            int slot = ((start + i) % size) * STRIDE;
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, c)) {
                return;
            }
        }
    }

    /** A Cipher that has never been initialised: the JDK remembers nothing of an earlier key or nonce. */
    Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + transformation, e);
        }
    }

    private int home() {
        return (int) (Thread.currentThread().getId() % size);
    }
}
