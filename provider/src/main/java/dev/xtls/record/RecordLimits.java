package dev.xtls.record;

/** Record size limits (RFC 5246 §6.2.1-6.2.3). */
public final class RecordLimits {
    public static final int HEADER_LENGTH = 5;
    public static final int MAX_PLAINTEXT = 1 << 14;
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 2048;
    public static final int MAX_RECORD = HEADER_LENGTH + MAX_CIPHERTEXT;

    private RecordLimits() {
    }
}
