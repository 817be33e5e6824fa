package dev.xtls.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable FIFO of bytes: the "network" between two engines. Not thread-safe. */
final class ByteQueue {
    private byte[] data = new byte[1024];
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    void append(ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(data, tail, n);
        tail += n;
    }

    void append(byte[] src) {
        append(ByteBuffer.wrap(src));
    }

    /** Moves up to {@code max} bytes into {@code dst} (bounded by its remaining space); returns how many. */
    int takeInto(ByteBuffer dst, int max) {
        int n = Math.min(Math.min(max, dst.remaining()), size());
        dst.put(data, head, n);
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return n;
    }

    /** The byte at {@code index} from the head (0-based), as an unsigned value. */
    int peek(int index) {
        return data[head + index] & 0xff;
    }

    /** Removes and returns the first {@code n} bytes. */
    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(data, head, head + n);
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return out;
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(data, head, tail);
    }

    private void ensure(int extra) {
        if (tail + extra <= data.length) {
            return;
        }
        int live = size();
        if (live + extra <= data.length / 2) {
            System.arraycopy(data, head, data, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(data.length * 2, live + extra)];
            System.arraycopy(data, head, bigger, 0, live);
            data = bigger;
        }
        head = 0;
        tail = live;
    }
}
