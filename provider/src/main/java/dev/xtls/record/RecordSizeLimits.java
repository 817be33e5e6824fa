package dev.xtls.record;

/**
 * The record sizes one connection agreed on through max_fragment_length (RFC 6066 §4) or record_size_limit
 * (RFC 8449 §4).
 *
 * @param sendContent largest content this side puts in one record
 * @param receivePlaintext largest plaintext the peer may send in one record; in TLS 1.3 under record_size_limit
 *     the whole TLSInnerPlaintext (content, type byte and padding, RFC 8449 §4)
 * @param receiveCountsInner {@code receivePlaintext} counts the TLS 1.3 TLSInnerPlaintext
 * @param unprotectedToo the limit also binds records sent before the keys change: max_fragment_length applies
 *     from the ServerHello on (RFC 6066 §4); record_size_limit only to protected records (RFC 8449 §4)
 */
public record RecordSizeLimits(int sendContent, int receivePlaintext, boolean receiveCountsInner,
        boolean unprotectedToo) {
    /** No limit below the protocol's 2^14 (RFC 5246 §6.2.1). */
    public static final RecordSizeLimits NONE = new RecordSizeLimits(RecordLimits.MAX_PLAINTEXT,
            RecordLimits.MAX_PLAINTEXT, false, false);

    public RecordSizeLimits {
        if (sendContent < 1 || sendContent > RecordLimits.MAX_PLAINTEXT || receivePlaintext < 1
                || receivePlaintext > RecordLimits.MAX_PLAINTEXT + (receiveCountsInner ? 1 : 0)) {
            throw new IllegalArgumentException("record size limits out of range: send " + sendContent
                    + ", receive " + receivePlaintext);
        }
    }

    /** Largest content of one record received. */
    public int receiveContent() {
        return receiveCountsInner ? receivePlaintext - 1 : receivePlaintext;
    }

    /** True when neither direction is held below 2^14 bytes of content. */
    public boolean isDefault() {
        return sendContent == RecordLimits.MAX_PLAINTEXT && receiveContent() == RecordLimits.MAX_PLAINTEXT;
    }
}
