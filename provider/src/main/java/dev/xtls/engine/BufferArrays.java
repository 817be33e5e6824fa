package dev.xtls.engine;

import java.nio.ByteBuffer;

/** The SSLEngine's {@code ByteBuffer[] bufs, int offset, int length} arguments, read and filled in order. */
final class BufferArrays {
    private BufferArrays() {
    }

    static long remaining(ByteBuffer[] bufs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += bufs[i].remaining();
        }
        return n;
    }

    static ByteBuffer firstWithRemaining(ByteBuffer[] bufs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bufs[i].hasRemaining()) {
                return bufs[i];
            }
        }
        throw new IllegalStateException("no buffer with remaining bytes");
    }

    /** Copies {@code plaintext} into the buffers in order; the caller checked there is room. */
    static void scatter(ByteBuffer plaintext, ByteBuffer[] dsts, int offset, int length) {
        for (int i = offset; i < offset + length && plaintext.hasRemaining(); i++) {
            ByteBuffer part = plaintext.slice();
            part.limit(Math.min(part.remaining(), dsts[i].remaining()));
            plaintext.position(plaintext.position() + part.remaining());
            dsts[i].put(part);
        }
    }
}
