package dev.xtls.record;

/**
 * How much zero padding a TLS 1.3 record carries after its content type (RFC 8446 §5.4): the TLSInnerPlaintext
 * (content and type byte) is padded up to a multiple of {@code blockLength}, never beyond 2^14 + 1 bytes. A
 * function of the length alone, so a record's size is known before it is sealed.
 */
public record RecordPadding(int blockLength) {
    /** No padding: the default (RFC 8446 §5.4 leaves the policy to the implementation). */
    public static final RecordPadding NONE = new RecordPadding(1);

    public RecordPadding {
        if (blockLength < 1 || blockLength > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("padding block length " + blockLength + " is not in 1..2^14");
        }
    }

    /** Zero bytes to append after the type byte of a record with {@code contentLength} bytes of content. */
    public int paddingLength(int contentLength) {
        int inner = contentLength + 1;
        int padded = Math.min((inner + blockLength - 1) / blockLength * blockLength, RecordLimits.MAX_PLAINTEXT + 1);
        return Math.max(0, padded - inner);
    }

    /** The most padding any record gets. */
    public int maxPaddingLength() {
        return blockLength - 1;
    }
}
