package dev.xtls.wire;

import java.util.Map;

/** ContentType of a TLSPlaintext record (RFC 5246 §6.2.1). */
public record ContentType(int code) {
    public static final ContentType CHANGE_CIPHER_SPEC = new ContentType(20);
    public static final ContentType ALERT = new ContentType(21);
    public static final ContentType HANDSHAKE = new ContentType(22);
    public static final ContentType APPLICATION_DATA = new ContentType(23);
    public static final ContentType HEARTBEAT = new ContentType(24);

    private static final Map<Integer, String> NAMES = Map.of(
            20, "change_cipher_spec", 21, "alert", 22, "handshake", 23, "application_data", 24, "heartbeat");

    public ContentType {
        WireCodes.checkRange(code, 0xFF, "ContentType");
    }

    public String name() {
        return WireCodes.name(NAMES, code, 2);
    }

    @Override
    public String toString() {
        return name();
    }
}
