package dev.xtls.testing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Alert description names (RFC 5246 §7.2, RFC 8446 §6) and extraction from provider exception text. */
public final class TlsAlerts {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(21, "decryption_failed"), Map.entry(22, "record_overflow"),
            Map.entry(30, "decompression_failure"), Map.entry(40, "handshake_failure"),
            Map.entry(41, "no_certificate"), Map.entry(42, "bad_certificate"),
            Map.entry(43, "unsupported_certificate"), Map.entry(44, "certificate_revoked"),
            Map.entry(45, "certificate_expired"), Map.entry(46, "certificate_unknown"),
            Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(49, "access_denied"),
            Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"), Map.entry(60, "export_restriction"),
            Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"),
            Map.entry(90, "user_canceled"), Map.entry(100, "no_renegotiation"), Map.entry(109, "missing_extension"),
            Map.entry(110, "unsupported_extension"), Map.entry(112, "unrecognized_name"),
            Map.entry(113, "bad_certificate_status_response"), Map.entry(115, "unknown_psk_identity"),
            Map.entry(116, "certificate_required"), Map.entry(120, "no_application_protocol"));

    /** Longest first, so "bad_certificate_status_response" wins over "bad_certificate". */
    private static final List<String> BY_LENGTH = NAMES.values().stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.toUnmodifiableList());

    private TlsAlerts() {
    }

    /** The RFC name of an alert description code, or "unknown(N)". */
    public static String name(int description) {
        return NAMES.getOrDefault(description, "unknown(" + description + ")");
    }

    /**
     * The alert named in a "received" exception: SunJSSE says "Received fatal alert: NAME", BCJSSE carries a
     * TlsFatalAlertReceived cause. Empty if the exception reports an error this side detected itself.
     */
    public static Optional<String> receivedIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = String.valueOf(c.getMessage());
            boolean received = msg.toLowerCase(Locale.ROOT).contains("received")
                    || c.getClass().getSimpleName().contains("AlertReceived");
            if (received) {
                Optional<String> name = nameIn(msg);
                if (name.isPresent()) {
                    return name;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The first alert name appearing in {@code text}, if any. */
    public static Optional<String> nameIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (String n : BY_LENGTH) {
            int at = lower.indexOf(n);
            if (at >= 0 && at < bestAt) {
                best = n;
                bestAt = at;
            }
        }
        return Optional.ofNullable(best);
    }
}
