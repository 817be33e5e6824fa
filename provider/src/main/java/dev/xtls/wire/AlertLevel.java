package dev.xtls.wire;

/** AlertLevel (RFC 5246 §7.2): a closed set of two. */
public enum AlertLevel {
    WARNING(1), FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AlertLevel of(int code) {
        return switch (code) {
            case 1 -> WARNING;
            case 2 -> FATAL;
            default -> throw new DecodeException("unknown alert level " + code);
        };
    }
}
