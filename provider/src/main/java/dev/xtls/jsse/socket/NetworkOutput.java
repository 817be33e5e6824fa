package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A socket's network bytes out: one buffer, in write mode and empty between calls, that grows to the records
 * written (at most a whole record), the engine's wraps into it, and the transport's output it is flushed to. The
 * {@link EngineDriver}'s write lock guards it.
 */
final class NetworkOutput {
    /** The first buffer a handshake flight gets; it doubles while a record does not fit. */
    private static final int FIRST_NET_OUT = 2048;
    /** Bytes a record adds to its plaintext, and more: header, explicit IV, MAC or tag, CBC padding (RFC 5246 §6.2.3). */
    private static final int RECORD_EXPANSION = 512;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final OutputStream rawOut;
    private final int packetSize;
    private ByteBuffer netOut = ReadModeBuffers.none();

    /** @param packetSize the largest record */
    NetworkOutput(OutputStream rawOut, int packetSize) {
        this.rawOut = rawOut;
        this.packetSize = packetSize;
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

    /** Wraps and sends a handshake flight: what the engine has to send; true when that completed the handshake. */
    boolean wrapFlight(SSLEngine engine) throws IOException {
        boolean finished = false;
        while (true) {
            SSLEngineResult r = engine.wrap(EMPTY, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                roomAfterOverflow();
                continue;
            }
            if (r.bytesProduced() == 0 && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                throw new SSLException("the engine asked to wrap but produced nothing: " + r);
            }
            finished |= r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED;
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesProduced() == 0
                    || r.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
        flush();
        return finished;
    }

    /** Wraps and sends what the engine has queued, or everything up to close_notify. */
    void wrapQueued(SSLEngine engine, HandshakeProgress progress, boolean untilOutboundDone) throws IOException {
        while (untilOutboundDone ? !engine.isOutboundDone()
                : engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = progress.noted(engine.wrap(EMPTY, netOut));
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                roomAfterOverflow();
                continue;
            }
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        flush();
    }

    /** Wraps and sends all of {@code src}; false when the engine's outbound side closed first. */
    boolean wrapAll(SSLEngine engine, HandshakeProgress progress, ByteBuffer src) throws IOException {
        boolean outboundClosed = false;
        roomToWrap(src.remaining());
        while (src.hasRemaining() && !outboundClosed) {
            SSLEngineResult r = progress.noted(engine.wrap(src, netOut));
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                outboundClosed = true;
            } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                roomAfterOverflow();
            } else if (r.getStatus() != SSLEngineResult.Status.OK
                    || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                throw new SSLException("the engine wrapped nothing: " + r);
            }
        }
        flush();
        return !outboundClosed;
    }
}
