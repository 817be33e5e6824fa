package dev.xtls.testing;

import dev.xtls.testing.EnginePair.Failure;
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

    /**
     * Asserts that the Xtls engine on {@code xtls} failed with an SSLException containing {@code says}, put the
     * fatal alert {@code alert} on the wire in plaintext, and that its peer reports receiving that alert.
     */
    public static void assertSentInPlaintext(EnginePair pair, Failure f, Role xtls, String alert, String says) {
        String message = f.of(xtls).map(Throwable::getMessage).orElse("(Xtls threw nothing)");
        String received = f.alertReceivedBy(xtls.peer()).orElse("none");
        if (!alert.equals(received)) {
            throw new AssertionError("the peer received " + received + ", expected " + alert + "; Xtls said "
                    + message);
        }
        WireAlert sent = firstPlaintext(pair, xtls).orElseThrow(() -> new AssertionError("no plaintext alert"));
        if (sent.level() != FATAL || !sent.name().equals(alert)) {
            throw new AssertionError("on the wire: " + sent + ", expected fatal " + alert);
        }
        if (!message.contains(says)) {
            throw new AssertionError("the exception does not say \"" + says + "\": " + message);
        }
        if (!pair.engine(xtls).isInboundDone() || !pair.engine(xtls).isOutboundDone()) {
            throw new AssertionError("the Xtls engine does not end closed");
        }
    }

    public String name() {
        return TlsAlerts.name(description);
    }

    @Override
    public String toString() {
        return (level == FATAL ? "fatal " : "level " + level + " ") + name() + "(" + description + ")";
    }
}
