package dev.xtls.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** NamedGroup (RFC 8422 §5.1.1, RFC 7919 §2, RFC 8446 §4.2.7). */
public record NamedGroup(int code) {
    public static final NamedGroup SECP256R1 = new NamedGroup(23);
    public static final NamedGroup SECP384R1 = new NamedGroup(24);
    public static final NamedGroup SECP521R1 = new NamedGroup(25);
    public static final NamedGroup X25519 = new NamedGroup(29);
    public static final NamedGroup X448 = new NamedGroup(30);
    public static final NamedGroup FFDHE2048 = new NamedGroup(256);
    public static final NamedGroup FFDHE3072 = new NamedGroup(257);
    public static final NamedGroup FFDHE4096 = new NamedGroup(258);
    public static final NamedGroup FFDHE6144 = new NamedGroup(259);
    public static final NamedGroup FFDHE8192 = new NamedGroup(260);

    private static final Map<Integer, String> NAMES = Map.of(
            23, "secp256r1", 24, "secp384r1", 25, "secp521r1", 29, "x25519", 30, "x448",
            256, "ffdhe2048", 257, "ffdhe3072", 258, "ffdhe4096", 259, "ffdhe6144", 260, "ffdhe8192");
    private static final Map<String, Integer> CODES = WireCodes.codes(NAMES);
    private static final Map<Integer, NamedGroup> INTERNED = WireCodes.interned(NAMES, NamedGroup::new,
            NamedGroup::code, List.of(
                    SECP256R1, SECP384R1, SECP521R1, X25519, X448, FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144,
                    FFDHE8192));

    public NamedGroup {
        WireCodes.checkRange(code, 0xFFFF, "NamedGroup");
    }

    /** The shared instance of a named code (a decoded value then costs a connection nothing), else a new one. */
    public static NamedGroup of(int code) {
        return WireCodes.interned(INTERNED, code, NamedGroup::new);
    }

    public static Optional<NamedGroup> byName(String name) {
        return WireCodes.codeOf(CODES, name).map(NamedGroup::of);
    }

    /** RFC 7919 finite-field groups occupy 0x0100-0x01FF. */
    public boolean isFiniteField() {
        return code >= 0x0100 && code <= 0x01FF;
    }

    public String name() {
        return WireCodes.name(NAMES, code, 4);
    }

    @Override
    public String toString() {
        return name();
    }
}
