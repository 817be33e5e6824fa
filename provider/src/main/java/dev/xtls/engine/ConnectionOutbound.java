package dev.xtls.engine;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.record.PlaintextProtection;
import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.RecordWriter;
import dev.xtls.wire.ContentType;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The writing side of a connection: wrap, the queue of handshake and alert records with their key changes, the
 * ChangeCipherSpec held back until the next flight, and application data records gathered from the caller's
 * buffers. Its fields are guarded by the outbound lock (the connection's monitor, see {@link ConnectionState}).
 */
abstract class ConnectionOutbound extends ConnectionKeyingMaterial {
    // guarded by outLock
    final RecordWriter writer = new RecordWriter();
    OutboundQueue queue; // null while nothing waits to be sent: an idle connection holds none
    private ByteBuffer gather;
    RecordProtection heldChangeCipherSpec; // the keys after a held compatibility CCS

    ConnectionOutbound(HandshakeConfig config, HandshakeTraceListener traceListener) {
        super(config, traceListener);
        writer.limitPackets(config.recordSizes().maximumPacketSize());
    }

    /** Produces queued handshake/alert records, or one application data record, into {@code dst}. */
    public Outcome wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        beginHandshake();
        synchronized (outLock) {
            if (outboundDone) {
                return new Outcome(Status.CLOSED, handshakeStatus(), 0, 0);
            }
            if (queue != null) {
                int produced = queue.drainInto(writer, dst);
                if (produced < 0) {
                    return new Outcome(Status.BUFFER_OVERFLOW, handshakeStatus(), 0, 0);
                }
                if (queue.isEmpty()) {
                    queue = null;
                }
                if (closeQueued && queue == null) {
                    outboundDone = true;
                    writer.destroyKeys(); // close_notify was the last record under them
                    return new Outcome(Status.CLOSED, handshakeStatus(), 0, produced);
                }
                return new Outcome(Status.OK, statusAfterOperation(), 0, produced);
            }
            if (session == null) {
                return new Outcome(Status.OK, handshakeStatus(), 0, 0);
            }
            return wrapApplicationData(srcs, offset, length, dst);
        }
    }

    private Outcome wrapApplicationData(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        long available = BufferArrays.remaining(srcs, offset, length);
        int n = (int) Math.min(available, writer.maxFragment());
        if (n == 0) {
            return new Outcome(Status.OK, statusAfterOperation(), 0, 0);
        }
        if (dst.remaining() < writer.recordLength(n)) {
            return new Outcome(Status.BUFFER_OVERFLOW, handshakeStatus(), 0, 0);
        }
        int before = dst.position();
        ByteBuffer first = BufferArrays.firstWithRemaining(srcs, offset, length);
        try {
            if (first.remaining() >= n) {
                // encrypt straight from the caller's buffer: narrow its limit for the record, no copy, no slice
                int limit = first.limit();
                first.limit(first.position() + n);
                try {
                    writer.write(ContentType.APPLICATION_DATA, first, dst);
                } finally {
                    first.limit(limit);
                }
            } else {
                try {
                    writer.write(ContentType.APPLICATION_DATA, gather(srcs, offset, length, n), dst);
                } finally {
                    Arrays.fill(gather.array(), 0, n, (byte) 0); // the record's plaintext, copied from the caller
                }
            }
        } catch (RuntimeException e) {
            throw fail(asTlsException(e));
        }
        return new Outcome(Status.OK, statusAfterOperation(), n, dst.position() - before);
    }

    /** For tests: the buffer a record's plaintext is gathered in from several source buffers (null until used). */
    ByteBuffer gatherBuffer() {
        return gather;
    }

    private ByteBuffer gather(ByteBuffer[] srcs, int offset, int length, int n) {
        if (gather == null) {
            gather = ByteBuffer.allocate(RecordLimits.MAX_PLAINTEXT);
        }
        gather.clear();
        for (int i = offset; i < offset + length && gather.position() < n; i++) {
            ByteBuffer s = srcs[i];
            int take = Math.min(s.remaining(), n - gather.position());
            ByteBuffer part = s.slice();
            part.limit(take);
            gather.put(part);
            s.position(s.position() + take);
        }
        return gather.flip();
    }

    /** The outbound queue, made when something is queued; caller holds outLock. */
    OutboundQueue queue() {
        if (queue == null) {
            // room for the largest flight (Certificate and CertificateRequest at their size limit) and a few alerts
            queue = new OutboundQueue(2 * config.maxHandshakeMessageSize() + (1 << 14));
        }
        return queue;
    }

    /** Coalesced handshake output goes into the queue before anything else; caller holds outLock. */
    void flushHandshake() {
        if (queue != null) {
            queue.flushHandshake();
        }
    }

    /** For tests: whether the idle connection still holds its queue (issue 13: an idle connection should not). */
    boolean holdsOutboundQueue() {
        return queue != null;
    }

    /** For tests: the current write keys were wiped. */
    boolean writeKeysDestroyed() {
        synchronized (outLock) {
            return writer.keysDestroyed();
        }
    }

    /** Queues the held compatibility ChangeCipherSpec and its key change, if any; caller holds outLock. */
    void releaseHeldChangeCipherSpec() {
        RecordProtection next = heldChangeCipherSpec;
        if (next != null) {
            heldChangeCipherSpec = null;
            queueChangeCipherSpec(next);
        }
    }

    /** A ChangeCipherSpec record, then {@code next} protects what follows; caller holds outLock. */
    void queueChangeCipherSpec(RecordProtection next) {
        queue().record(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        queue().keyChange(next);
        trace.changeCipherSpec(true);
        if (next != PlaintextProtection.INSTANCE) { // RFC 8446 Appendix D.4: a dummy one changes no keys
            trace.writeKeysChanged();
        }
    }

    public HandshakeStatus handshakeStatus() {
        synchronized (outLock) {
            if (queue != null) {
                return HandshakeStatus.NEED_WRAP;
            }
        }
        return handshaking ? HandshakeStatus.NEED_UNWRAP : HandshakeStatus.NOT_HANDSHAKING;
    }

    /** As {@link #handshakeStatus()}, but reports FINISHED once, to the operation that completed the handshake. */
    HandshakeStatus statusAfterOperation() {
        HandshakeStatus status = handshakeStatus();
        if (finishedPending && status == HandshakeStatus.NOT_HANDSHAKING) {
            finishedPending = false;
            return HandshakeStatus.FINISHED;
        }
        return status;
    }
}
