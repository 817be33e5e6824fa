package dev.xtls.jsse.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A socket's decrypted application data not yet read: one buffer, in read mode, that grows to the records read
 * (at most a whole record's plaintext) and, while this side renegotiates, up to
 * {@value #MAX_BUFFERED_DURING_RENEGOTIATION} bytes the application has not read (RFC 5246 lets the peer interleave
 * them). The {@link EngineDriver}'s read lock guards it; {@link #available()} may be read without.
 */
final class PlaintextInput {
    /** Unread application data kept while this side renegotiates. */
    private static final int MAX_BUFFERED_DURING_RENEGOTIATION = 1 << 20;

    /** Unwraps one record into {@code dst} (write mode), reading the network as needed; null at end of stream. */
    @FunctionalInterface
    interface RecordSource {
        SSLEngineResult unwrapInto(ByteBuffer dst) throws IOException;
    }

    private final int appSize; // a whole record's plaintext
    private ByteBuffer appIn = ReadModeBuffers.none();
    private volatile int buffered;

    /** @param appSize room for the plaintext of any record */
    PlaintextInput(int appSize) {
        this.appSize = appSize;
    }

    boolean hasRemaining() {
        return appIn.hasRemaining();
    }

    /** Bytes decrypted and not yet taken; never blocks. */
    int available() {
        return buffered;
    }

    int capacity() {
        return appIn.capacity();
    }

    /** Moves up to {@code len} buffered bytes to {@code b}; returns how many. */
    int take(byte[] b, int off, int len) {
        int n = Math.min(len, appIn.remaining());
        appIn.get(b, off, n);
        buffered = appIn.remaining();
        return n;
    }

    /** After the handshake: an empty buffer goes; reads size a new one to their records. */
    void releaseIfEmpty() {
        if (!appIn.hasRemaining()) {
            appIn = ReadModeBuffers.none();
        }
    }

    /**
     * Application data the peer sends while we renegotiate is kept for read(): the buffer grows, up to
     * {@value #MAX_BUFFERED_DURING_RENEGOTIATION} bytes that the application has not read.
     */
    void roomForARecord() throws SSLException {
        if (appIn.capacity() - appIn.remaining() >= appSize) {
            return;
        }
        if (appIn.remaining() + appSize > MAX_BUFFERED_DURING_RENEGOTIATION) {
            throw tooMuchDuringRenegotiation();
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_BUFFERED_DURING_RENEGOTIATION, 2 * appIn.capacity()
                + appSize));
        bigger.put(appIn).flip();
        appIn = bigger;
    }

    /**
     * One record from {@code source} appended to the buffer, which grows to the record's plaintext when it does not
     * fit: at most the length of the record's body, as the network buffer then shows it (RFC 5246 §6.2.3). Null at
     * end of stream.
     */
    SSLEngineResult unwrapFrom(RecordSource source, IntSupplier recordBodyLength) throws IOException {
        appIn.compact();
        try {
            SSLEngineResult r = source.unwrapInto(appIn);
            if (r != null && r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                growForRecord(recordBodyLength.getAsInt());
                r = recordFitted(source.unwrapInto(appIn), appIn.remaining());
            }
            return r;
        } finally {
            appIn.flip();
            buffered = appIn.remaining();
        }
    }

    /** The buffer (write mode) gets room for a record's plaintext, never more than a whole record's. */
    private void growForRecord(int recordBodyLength) throws SSLException {
        int room = Math.min(appSize, recordBodyLength);
        if (appIn.remaining() >= room) {
            room = appSize; // the record's length said it fits, yet the engine wants more
        }
        int kept = appIn.position();
        if (kept + room > Math.max(appSize, MAX_BUFFERED_DURING_RENEGOTIATION)) {
            throw tooMuchDuringRenegotiation();
        }
        appIn.flip();
        appIn = ReadModeBuffers.withCapacity(appIn, kept + room);
        appIn.compact();
    }

    private static SSLException tooMuchDuringRenegotiation() {
        return new SSLException("the peer sent more than " + MAX_BUFFERED_DURING_RENEGOTIATION + " bytes of"
                + " application data during the renegotiation that the application did not read");
    }

    /** {@code r}, unless the record did not fit {@code room} bytes of plaintext buffer: then an SSLException. */
    static SSLEngineResult recordFitted(SSLEngineResult r, int room) throws SSLException {
        if (r != null && r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("a record does not fit the " + room + " bytes of plaintext buffer");
        }
        return r;
    }
}
