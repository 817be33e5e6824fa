package dev.xtls.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ProtocolVersion {major, minor} (RFC 5246 §6.2.1), as one 16-bit code; JSSE names for the known ones. */
public record ProtocolVersion(int code) implements Comparable<ProtocolVersion> {
    public static final ProtocolVersion SSL30 = new ProtocolVersion(0x0300);
    public static final ProtocolVersion TLS10 = new ProtocolVersion(0x0301);
    public static final ProtocolVersion TLS11 = new ProtocolVersion(0x0302);
    public static final ProtocolVersion TLS12 = new ProtocolVersion(0x0303);
    public static final ProtocolVersion TLS13 = new ProtocolVersion(0x0304);

    private static final Map<Integer, String> NAMES = Map.of(
            0x0300, "SSLv3", 0x0301, "TLSv1", 0x0302, "TLSv1.1", 0x0303, "TLSv1.2", 0x0304, "TLSv1.3");
    private static final Map<String, Integer> CODES = WireCodes.codes(NAMES);
    private static final Map<Integer, ProtocolVersion> INTERNED = WireCodes.interned(NAMES, ProtocolVersion::new,
            ProtocolVersion::code, List.of(
                    SSL30, TLS10, TLS11, TLS12, TLS13));

    public ProtocolVersion {
        WireCodes.checkRange(code, 0xFFFF, "ProtocolVersion");
    }

    public static ProtocolVersion of(int major, int minor) {
        return of((major << 8) | minor);
    }

    /** The shared instance of a named code (a decoded value then costs a connection nothing), else a new one. */
    public static ProtocolVersion of(int code) {
        return WireCodes.interned(INTERNED, code, ProtocolVersion::new);
    }

    public static Optional<ProtocolVersion> byName(String jsseName) {
        return WireCodes.codeOf(CODES, jsseName).map(ProtocolVersion::of);
    }

    public int major() {
        return code >>> 8;
    }

    public int minor() {
        return code & 0xFF;
    }

    /** The JSSE name ("TLSv1.2"), or the hex code for an unknown version. */
    public String name() {
        return WireCodes.name(NAMES, code, 4);
    }

    public boolean isAtLeast(ProtocolVersion other) {
        return code >= other.code;
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return Integer.compare(code, o.code);
    }

    @Override
    public String toString() {
        return name();
    }
}
