package dev.xtls.wire;

import java.util.Map;
import java.util.Optional;

/** ExtensionType (RFC 5246 §7.4.1.4, RFC 8446 §4.2 and the IANA registry entries this implementation knows). */
public record ExtensionType(int code) {
    public static final ExtensionType SERVER_NAME = new ExtensionType(0);
    public static final ExtensionType MAX_FRAGMENT_LENGTH = new ExtensionType(1);
    public static final ExtensionType STATUS_REQUEST = new ExtensionType(5);
    public static final ExtensionType USER_MAPPING = new ExtensionType(6);
    public static final ExtensionType SUPPORTED_GROUPS = new ExtensionType(10);
    public static final ExtensionType EC_POINT_FORMATS = new ExtensionType(11);
    public static final ExtensionType SIGNATURE_ALGORITHMS = new ExtensionType(13);
    public static final ExtensionType APPLICATION_LAYER_PROTOCOL_NEGOTIATION = new ExtensionType(16);
    public static final ExtensionType STATUS_REQUEST_V2 = new ExtensionType(17);
    public static final ExtensionType ENCRYPT_THEN_MAC = new ExtensionType(22);
    public static final ExtensionType EXTENDED_MASTER_SECRET = new ExtensionType(23);
    public static final ExtensionType RECORD_SIZE_LIMIT = new ExtensionType(28);
    public static final ExtensionType SESSION_TICKET = new ExtensionType(35);
    public static final ExtensionType PRE_SHARED_KEY = new ExtensionType(41);
    public static final ExtensionType EARLY_DATA = new ExtensionType(42);
    public static final ExtensionType SUPPORTED_VERSIONS = new ExtensionType(43);
    public static final ExtensionType COOKIE = new ExtensionType(44);
    public static final ExtensionType PSK_KEY_EXCHANGE_MODES = new ExtensionType(45);
    public static final ExtensionType CERTIFICATE_AUTHORITIES = new ExtensionType(47);
    public static final ExtensionType OID_FILTERS = new ExtensionType(48);
    public static final ExtensionType POST_HANDSHAKE_AUTH = new ExtensionType(49);
    public static final ExtensionType SIGNATURE_ALGORITHMS_CERT = new ExtensionType(50);
    public static final ExtensionType KEY_SHARE = new ExtensionType(51);
    public static final ExtensionType RENEGOTIATION_INFO = new ExtensionType(0xFF01);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "server_name"), Map.entry(1, "max_fragment_length"), Map.entry(5, "status_request"),
            Map.entry(2, "client_certificate_url"), Map.entry(3, "trusted_ca_keys"), Map.entry(4, "truncated_hmac"),
            Map.entry(6, "user_mapping"), Map.entry(10, "supported_groups"), Map.entry(11, "ec_point_formats"),
            Map.entry(13, "signature_algorithms"), Map.entry(16, "application_layer_protocol_negotiation"),
            Map.entry(17, "status_request_v2"), Map.entry(22, "encrypt_then_mac"),
            Map.entry(23, "extended_master_secret"), Map.entry(28, "record_size_limit"),
            Map.entry(35, "session_ticket"), Map.entry(41, "pre_shared_key"), Map.entry(42, "early_data"),
            Map.entry(43, "supported_versions"), Map.entry(44, "cookie"), Map.entry(45, "psk_key_exchange_modes"),
            Map.entry(47, "certificate_authorities"), Map.entry(48, "oid_filters"),
            Map.entry(49, "post_handshake_auth"),
            Map.entry(50, "signature_algorithms_cert"), Map.entry(51, "key_share"),
            Map.entry(0xFF01, "renegotiation_info"));

    private static final Map<String, Integer> CODES = WireCodes.codes(NAMES);

    public ExtensionType {
        WireCodes.checkRange(code, 0xFFFF, "ExtensionType");
    }

    /** The type {@link #name()} gives {@code name}: a registered name or {@code unknown(0x....)}. */
    public static Optional<ExtensionType> named(String name) {
        Optional<Integer> code = WireCodes.codeOf(CODES, name);
        if (code.isEmpty() && name != null && name.matches("unknown\\(0x[0-9A-F]{4}\\)")) {
            code = Optional.of(Integer.parseInt(name.substring(10, 14), 16));
        }
        return code.map(ExtensionType::new);
    }

    public String name() {
        return WireCodes.name(NAMES, code, 4);
    }

    @Override
    public String toString() {
        return name();
    }
}
