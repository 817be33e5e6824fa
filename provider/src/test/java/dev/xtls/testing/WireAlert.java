package dev.xtls.testing;

import java.util.Optional;

/** An alert record as it went on the wire in plaintext (RFC 8446 §6): level byte and description byte. */
public record WireAlert(int level, int description) {
    public static final int FATAL = 2;

    /** The first non-close_notify alert {@code from} sent in plaintext, if any. */
    public static Optional<WireAlert> firstPlaintext(EnginePair pair, Role from) {
        for (WireRecord r : pair.records(from)) {
            byte[] f = r.fragment();
            if (r.contentType() == WireRecord.ALERT && f.length == 2 && f[1] != 0) {
                return Optional.of(new WireAlert(f[0] & 0xFF, f[1] & 0xFF));
            }
        }
        return Optional.empty();
    }

    public String name() {
        return TlsAlerts.name(description);
    }

    @Override
    public String toString() {
        return (level == FATAL ? "fatal " : "level " + level + " ") + name() + "(" + description + ")";
    }
}
