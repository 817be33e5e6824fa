package dev.xtls.record;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;

/** The sending half of the record layer: framing, protection and the write sequence number (RFC 5246 §6.2). */
public final class RecordWriter {
    private RecordProtection protection = PlaintextProtection.INSTANCE;
    private long seq;
    private int version = 0x0303;

    /** New keys take effect for the next record; the sequence number restarts at zero (RFC 5246 §6.1). */
    public void install(RecordProtection next) {
        protection = next;
        seq = 0;
    }

    public boolean isProtected() {
        return protection != PlaintextProtection.INSTANCE;
    }

    public void setVersion(int recordVersion) {
        version = recordVersion;
    }

    /** Bytes a record carrying {@code plaintextLength} bytes takes on the wire. */
    public int recordLength(int plaintextLength) {
        return RecordLimits.HEADER_LENGTH + protection.protectedLength(plaintextLength);
    }

    /**
     * Writes one record with all of {@code plaintext.remaining()} bytes (at most 2^14) into {@code dst}, which must
     * have {@link #recordLength} bytes free.
     */
    public void write(ContentType type, ByteBuffer plaintext, ByteBuffer dst) {
        if (plaintext.remaining() > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record plaintext over 2^14 bytes");
        }
        if (seq == -1L) {
            // RFC 5246 §6.1: sequence numbers must not wrap
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "write sequence number exhausted");
        }
        int start = dst.position();
        dst.put((byte) protection.outerType(type).code()).put((byte) (version >>> 8)).put((byte) version)
                .putShort((short) 0);
        int n = protection.seal(seq, type, version, plaintext, dst);
        dst.putShort(start + 3, (short) n);
        seq++;
    }
}
