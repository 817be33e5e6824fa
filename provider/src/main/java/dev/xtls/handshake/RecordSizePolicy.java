package dev.xtls.handshake;

import dev.xtls.message.ext.MaxFragmentLength;
import dev.xtls.message.ext.RecordSizeLimit;
import dev.xtls.record.RecordLimits;

/**
 * What one side asks for and allows on record sizes.
 *
 * @param recordSizeLimit the record_size_limit this side sends, in TLS 1.2 terms (RFC 8449 §4: 64..2^14; one more
 *     in TLS 1.3, where it counts the content type byte)
 * @param maxFragmentLength client: the max_fragment_length to request (RFC 6066 §4); null for none
 * @param maximumPacketSize this side's records are at most this long, header included; 0 for no cap
 */
public record RecordSizePolicy(int recordSizeLimit, MaxFragmentLength maxFragmentLength, int maximumPacketSize) {
    /** record_size_limit at the protocol's largest, no max_fragment_length, no cap: what a peer sees by default. */
    public static final RecordSizePolicy DEFAULT = new RecordSizePolicy(RecordLimits.MAX_PLAINTEXT, null, 0);
    /** SunJSSE's room for header, IV, MAC and padding in one record: a packet size less this is the plaintext. */
    public static final int PACKET_OVERHEAD = 325;

    public RecordSizePolicy {
        if (recordSizeLimit < RecordSizeLimit.MIN || recordSizeLimit > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record size limit " + recordSizeLimit + " is not in 64..16384");
        }
        if (maximumPacketSize < 0) {
            throw new IllegalArgumentException("maximum packet size " + maximumPacketSize + " is negative");
        }
    }

    /**
     * From the settings: {@code limit} (dev.xtls.recordSizeLimit, clamped to 64..2^14) lowered to what fits a
     * {@code maximumPacketSize} (SSLParameters, 0 for none); with {@code requestMaxFragmentLength}
     * (jsse.enableMFLNExtension) a client also asks for the max_fragment_length SunJSSE derives from that size.
     */
    public static RecordSizePolicy of(int limit, boolean requestMaxFragmentLength, int maximumPacketSize) {
        int fitting = maximumPacketSize > 0 ? maximumPacketSize - PACKET_OVERHEAD : limit;
        int own = Math.max(RecordSizeLimit.MIN, Math.min(RecordLimits.MAX_PLAINTEXT, Math.min(limit, fitting)));
        MaxFragmentLength mfl = requestMaxFragmentLength
                ? MaxFragmentLength.forPacketSize(maximumPacketSize).orElse(null) : null;
        RecordSizePolicy p = new RecordSizePolicy(own, mfl, maximumPacketSize);
        return p.equals(DEFAULT) ? DEFAULT : p; // the common case shares one instance: one object less per engine
    }
}
