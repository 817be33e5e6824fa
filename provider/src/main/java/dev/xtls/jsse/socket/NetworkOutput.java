package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;

/**
 * A socket's network bytes out: one buffer, in write mode and empty between calls, that grows to the records
 * written (at most a whole record), and the transport's output it is flushed to. The {@link EngineDriver}'s write
 * lock guards it.
 */
final class NetworkOutput {
    /** The first buffer a handshake flight gets; it doubles while a record does not fit. */
    private static final int FIRST_NET_OUT = 2048;
    /** Bytes a record adds to its plaintext, and more: header, explicit IV, MAC or tag, CBC padding (RFC 5246 §6.2.3). */
    private static final int RECORD_EXPANSION = 512;

    private final OutputStream rawOut;
    private final int packetSize;
    private ByteBuffer netOut = ReadModeBuffers.none();

    /** @param packetSize the largest record */
    NetworkOutput(OutputStream rawOut, int packetSize) {
        this.rawOut = rawOut;
        this.packetSize = packetSize;
    }

    /** Where the engine wraps to, in write mode. */
    ByteBuffer buffer() {
        return netOut;
    }

    int capacity() {
        return netOut.capacity();
    }

    /** After the handshake: the buffer goes; writes size a new one to their records. */
    void release() {
        netOut = ReadModeBuffers.none();
    }

    /** The buffer holds the records of a {@code len}-byte write, up to one whole record. */
    void roomToWrap(int len) {
        int needed = (int) Math.min(packetSize, (long) len + RECORD_EXPANSION);
        if (netOut.capacity() < needed) {
            netOut = ByteBuffer.allocate(needed);
        }
    }

    /**
     * After a BUFFER_OVERFLOW: the buffer doubles (from {@value #FIRST_NET_OUT}), keeping what it holds so that a
     * flight still goes out in one write, up to a whole record; then what it holds is sent.
     */
    void roomAfterOverflow() throws IOException {
        if (netOut.capacity() < packetSize) {
            netOut.flip();
            netOut = ReadModeBuffers.withCapacity(netOut, Math.min(packetSize, Math.max(FIRST_NET_OUT,
                    2 * netOut.capacity())));
            netOut.compact(); // write mode again: the bytes kept, room after them
        } else if (netOut.position() > 0) {
            flush();
        } else {
            throw new SSLException("a record does not fit the " + netOut.capacity() + " bytes of network buffer");
        }
    }

    /** Sends what the buffer holds, in one transport write. */
    void flush() throws IOException {
        netOut.flip();
        try {
            if (netOut.hasRemaining()) {
                rawOut.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
                rawOut.flush();
            }
        } finally {
            netOut.clear();
        }
    }
}
