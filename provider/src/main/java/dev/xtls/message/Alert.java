package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.DecodeException;

import java.util.Objects;

/**
 * An alert record's content (RFC 5246 §7.2):
 * <pre>
 * struct { AlertLevel level; AlertDescription description; } Alert;
 * </pre>
 */
public record Alert(AlertLevel level, AlertDescription description) {
    public static final int LENGTH = 2;

    public Alert {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(description, "description");
    }

    public static Alert fatal(AlertDescription description) {
        return new Alert(AlertLevel.FATAL, description);
    }

    public static Alert decode(byte[] twoBytes) {
        if (twoBytes.length != LENGTH) {
            throw new DecodeException("Alert: expected 2 bytes, got " + twoBytes.length);
        }
        return new Alert(AlertLevel.of(twoBytes[0] & 0xFF), new AlertDescription(twoBytes[1] & 0xFF));
    }

    public byte[] encode() {
        return new byte[] {(byte) level.code(), (byte) description.code()};
    }
}
