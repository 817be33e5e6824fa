package dev.xtls.crypto.jca;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/** A SecureRandom that hands out the given byte strings in order, each to one nextBytes call of its length. */
final class FixedRandom extends SecureRandom {
    private final Deque<byte[]> outputs = new ArrayDeque<>();

    FixedRandom(byte[]... outputs) {
        for (byte[] o : outputs) {
            this.outputs.add(o.clone());
        }
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] next = outputs.poll();
        if (next == null || next.length != bytes.length) {
            throw new IllegalStateException("test randomness exhausted or wrong length: asked for " + bytes.length);
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }
}
