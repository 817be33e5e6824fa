package dev.xtls.crypto.jca;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A few {@link Mac} objects of one HMAC algorithm, shared by all handshakes of one context, so that the TLS 1.2
 * PRF and HKDF, which key a new HMAC for almost every step, do not look the algorithm up in the JCA each time. A
 * Mac given back is first re-keyed with an all-zero key, so no secret stays in an idle Mac. Lock-free: each slot
 * is taken and given back by compare-and-set, slots one cache line apart; a thread probes a few slots from one
 * of its own; when they are all empty a new Mac is made, when they are all full the Mac given back is dropped.
 */
final class MacPool {
    /** Slots one cache line apart: 16 references of 4 bytes (compressed) fill a 64-byte line. */
    private static final int STRIDE = 16;
    /** Slots a take or a give tries before it makes a new Mac or drops one. */
    private static final int PROBES = 4;

    private final String algorithm;
    private final SecretKeySpec zeroKey;
    private final int size;
    private final AtomicReferenceArray<Mac> slots;

    MacPool(String algorithm, int size) {
        this.algorithm = algorithm;
        this.zeroKey = new SecretKeySpec(new byte[1], algorithm); // RFC 2104 §2: pads to the block length with zeros
        this.size = size;
        this.slots = new AtomicReferenceArray<>(size * STRIDE);
    }

    /** A Mac of this pool's algorithm, keyed with zeros or not at all: the caller initialises it with its key. */
    Mac take() {
        int first = firstSlot();
        for (int i = 0; i < PROBES; i++) {
            int slot = (first + i) % size * STRIDE;
            Mac m = slots.get(slot);
            if (m != null && slots.compareAndSet(slot, m, null)) {
                return m;
            }
        }
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no usable " + algorithm, e);
        }
    }

    /** Re-keys {@code m} with zeros, dropping its caller's key, and keeps it if a probed slot is free. */
    void give(Mac m) {
        try {
            m.init(zeroKey);
        } catch (GeneralSecurityException e) {
            return; // a Mac that cannot be re-keyed still holds its key: not kept
        }
        int first = firstSlot();
        for (int i = 0; i < PROBES; i++) {
            if (slots.compareAndSet((first + i) % size * STRIDE, null, m)) {
                return;
            }
        }
    }

    /** Threads start at different slots, so that concurrent handshakes rarely contend for one. */
    private int firstSlot() {
        return (int) Math.floorMod(Thread.currentThread().getId(), (long) size);
    }
}
