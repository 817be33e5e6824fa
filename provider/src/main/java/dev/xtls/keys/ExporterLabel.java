package dev.xtls.keys;

import java.nio.charset.StandardCharsets;

/**
 * The checks RFC 5705 §4 puts on exporter inputs for both versions: a label is a non-empty ASCII string with no
 * NUL ("the same definition as in TLS"); the context length is a uint16.
 */
final class ExporterLabel {
    static final int MAX_CONTEXT_LENGTH = 0xFFFF;

    private ExporterLabel() {
    }

    /** The label's ASCII bytes. */
    static byte[] check(String label) {
        if (label.isEmpty() || !label.chars().allMatch(c -> c > 0 && c < 0x80)) {
            throw new IllegalArgumentException("an exporter label is non-empty ASCII without NUL (RFC 5705 §4): \""
                    + label + "\"");
        }
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    static void checkContext(byte[] context) {
        if (context != null && context.length > MAX_CONTEXT_LENGTH) {
            throw new IllegalArgumentException("an exporter context is at most " + MAX_CONTEXT_LENGTH
                    + " bytes (a uint16 length, RFC 5705 §4), got " + context.length);
        }
    }

    static void checkLength(int length, int max) {
        if (length < 1 || length > max) {
            throw new IllegalArgumentException("exporter length must be 1.." + max + ", got " + length);
        }
    }
}
