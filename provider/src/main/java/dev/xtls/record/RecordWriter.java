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
    private int maxContent = RecordLimits.MAX_PLAINTEXT;
    private int maxPacket;

    /**
     * New keys take effect for the next record; the sequence number restarts at zero (RFC 5246 §6.1). The old
     * keys are wiped: nothing is sealed under them again.
     */
    public void install(RecordProtection next) {
        if (next != protection) {
            protection.destroy();
        }
        protection = next;
        seq = 0;
    }

    /** Wipes the current keys: the direction is closed, nothing more is sealed or opened. */
    public void destroyKeys() {
        protection.destroy();
    }

    /** The current protection's keys were wiped (the direction is closed). */
    public boolean keysDestroyed() {
        return protection.isDestroyed();
    }

    public boolean isProtected() {
        return protection != PlaintextProtection.INSTANCE;
    }

    public void setVersion(int recordVersion) {
        version = recordVersion;
    }

    /** The peer's max_fragment_length or record_size_limit (RFC 6066 §4, RFC 8449 §4): content per record. */
    public void limitContent(int maxContentLength) {
        maxContent = maxContentLength;
    }

    /** Records no longer than {@code maxPacketSize} bytes, header included (SSLParameters.setMaximumPacketSize). */
    public void limitPackets(int maxPacketSize) {
        maxPacket = maxPacketSize;
    }

    /** The most content the next record may carry under the limits and the current protection (at least 1). */
    public int maxFragment() {
        int n = maxContent;
        if (maxPacket > 0) {
            n = Math.max(1, Math.min(n, protection.maxPlaintextLength(maxPacket - RecordLimits.HEADER_LENGTH)));
            while (n > 1 && recordLength(n) > maxPacket) { // CBC padding, TLS 1.3 type byte: a few steps at most
                n--;
            }
        }
        return n;
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
