package dev.xtls.jsse.socket;

import java.nio.ByteBuffer;

/** Growing a buffer in read mode (position..limit the unread bytes) while keeping those bytes. */
final class ReadModeBuffers {
    private ReadModeBuffers() {
    }

    /** A buffer of {@code capacity} (at least what {@code b} holds) with {@code b}'s unread bytes, in read mode. */
    static ByteBuffer withCapacity(ByteBuffer b, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, b.remaining()));
        bigger.put(b).flip();
        return bigger;
    }

    /** A zero-capacity buffer: what a connection holds while it has nothing to keep. */
    static ByteBuffer none() {
        return ByteBuffer.allocate(0);
    }
}
