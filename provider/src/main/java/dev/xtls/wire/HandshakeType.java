package dev.xtls.wire;

import java.util.Map;

/** HandshakeType (RFC 5246 §7.4, RFC 8446 §4, RFC 4680, RFC 6066 §8). */
public record HandshakeType(int code) {
    public static final HandshakeType HELLO_REQUEST = new HandshakeType(0);
    public static final HandshakeType CLIENT_HELLO = new HandshakeType(1);
    public static final HandshakeType SERVER_HELLO = new HandshakeType(2);
    public static final HandshakeType NEW_SESSION_TICKET = new HandshakeType(4);
    public static final HandshakeType END_OF_EARLY_DATA = new HandshakeType(5);
    public static final HandshakeType ENCRYPTED_EXTENSIONS = new HandshakeType(8);
    public static final HandshakeType CERTIFICATE = new HandshakeType(11);
    public static final HandshakeType SERVER_KEY_EXCHANGE = new HandshakeType(12);
    public static final HandshakeType CERTIFICATE_REQUEST = new HandshakeType(13);
    public static final HandshakeType SERVER_HELLO_DONE = new HandshakeType(14);
    public static final HandshakeType CERTIFICATE_VERIFY = new HandshakeType(15);
    public static final HandshakeType CLIENT_KEY_EXCHANGE = new HandshakeType(16);
    public static final HandshakeType FINISHED = new HandshakeType(20);
    public static final HandshakeType CERTIFICATE_STATUS = new HandshakeType(22);
    public static final HandshakeType SUPPLEMENTAL_DATA = new HandshakeType(23);
    public static final HandshakeType KEY_UPDATE = new HandshakeType(24);
    public static final HandshakeType MESSAGE_HASH = new HandshakeType(254);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "hello_request"), Map.entry(1, "client_hello"), Map.entry(2, "server_hello"),
            Map.entry(4, "new_session_ticket"), Map.entry(5, "end_of_early_data"),
            Map.entry(8, "encrypted_extensions"), Map.entry(11, "certificate"),
            Map.entry(12, "server_key_exchange"), Map.entry(13, "certificate_request"),
            Map.entry(14, "server_hello_done"), Map.entry(15, "certificate_verify"),
            Map.entry(16, "client_key_exchange"), Map.entry(20, "finished"), Map.entry(22, "certificate_status"),
            Map.entry(23, "supplemental_data"), Map.entry(24, "key_update"), Map.entry(254, "message_hash"));

    public HandshakeType {
        WireCodes.checkRange(code, 0xFF, "HandshakeType");
    }

    public String name() {
        return WireCodes.name(NAMES, code, 2);
    }

    @Override
    public String toString() {
        return name();
    }
}
