package dev.xtls.engine;

import dev.xtls.record.RecordProtection;
import dev.xtls.record.RecordWriter;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Records waiting to be sent, in protocol order, with the write-key changes between them: ChangeCipherSpec
 * goes out under the old keys and Finished under the new (RFC 5246 §7.1). Handshake messages of one flight
 * are coalesced into as few records as possible. The unsent bytes are bounded: an application that unwraps
 * without ever wrapping gets an error, not a growing heap.
 */
final class OutboundQueue {
    private sealed interface Item permits Data, KeyChange {
    }

    private record Data(ContentType type, ByteBuffer bytes) implements Item {
    }

    private record KeyChange(RecordProtection next) implements Item {
    }

    private static final byte[] NO_BYTES = new byte[0]; // empty: nothing is ever written into it

    private ArrayDeque<Item> items; // a flight and its key change; null while empty (an idle connection's queue)
    private final int limit;
    private int unsent;
    private byte[] pendingHandshake = NO_BYTES;
    private int pendingLength;

    OutboundQueue(int limit) {
        this.limit = limit;
    }

    void handshake(byte[] encoded) {
        reserve(encoded.length);
        if (pendingLength + encoded.length > pendingHandshake.length) {
            pendingHandshake = java.util.Arrays.copyOf(pendingHandshake,
                    Math.max(pendingLength + encoded.length, 2 * pendingHandshake.length));
        }
        System.arraycopy(encoded, 0, pendingHandshake, pendingLength, encoded.length);
        pendingLength += encoded.length;
    }

    /** Moves coalesced handshake bytes into the queue; called before anything else is queued or sent. */
    void flushHandshake() {
        if (pendingLength > 0) {
            add(new Data(ContentType.HANDSHAKE, ByteBuffer.wrap(pendingHandshake, 0, pendingLength).slice()));
            pendingHandshake = NO_BYTES;
            pendingLength = 0;
        }
    }

    void record(ContentType type, byte[] content) {
        reserve(content.length);
        flushHandshake();
        add(new Data(type, ByteBuffer.wrap(content)));
    }

    void keyChange(RecordProtection next) {
        flushHandshake();
        add(new KeyChange(next));
    }

    private void add(Item item) {
        if (items == null) {
            items = new ArrayDeque<>(4); // grows if need be
        }
        items.add(item);
    }

    boolean isEmpty() {
        return items == null && pendingLength == 0;
    }

    private void reserve(int n) {
        if (unsent + n > limit) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "more than " + limit + " bytes of TLS records"
                    + " are waiting to be sent: the application must call wrap() to send them before it unwraps more");
        }
        unsent += n;
    }

    /**
     * Writes as many queued records as fit into {@code dst}; returns bytes written, or -1 if not even the next
     * record fits.
     */
    int drainInto(RecordWriter writer, ByteBuffer dst) {
        flushHandshake();
        int start = dst.position();
        while (items != null) {
            Item item = items.peek();
            if (item instanceof KeyChange k) {
                writer.install(k.next());
                poll();
                continue;
            }
            Data d = (Data) item;
            int chunk = Math.min(d.bytes().remaining(), writer.maxFragment());
            if (dst.remaining() < writer.recordLength(chunk)) {
                break;
            }
            ByteBuffer fragment = d.bytes().slice();
            fragment.limit(chunk);
            writer.write(d.type(), fragment, dst);
            d.bytes().position(d.bytes().position() + chunk);
            unsent -= chunk;
            if (!d.bytes().hasRemaining()) {
                poll();
            }
        }
        int written = dst.position() - start;
        return written == 0 && items != null ? -1 : written;
    }

    private void poll() {
        items.poll();
        if (items.isEmpty()) {
            items = null; // drained: the next flight makes its own
        }
    }
}
