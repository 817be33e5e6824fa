package dev.xtls.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CipherSuite code (RFC 5246 §7.4.1.2) with the IANA name, which is also the JSSE name. */
public record CipherSuite(int code) {
    public static final CipherSuite TLS_EMPTY_RENEGOTIATION_INFO_SCSV = new CipherSuite(0x00FF);
    public static final CipherSuite TLS_FALLBACK_SCSV = new CipherSuite(0x5600);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0xC02B);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0xC02C);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0xC02F);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0xC030);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
            Map.entry(0x5600, "TLS_FALLBACK_SCSV"),
            Map.entry(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
            Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"));
    private static final Map<String, Integer> CODES = WireCodes.codes(NAMES);
    private static final Map<Integer, CipherSuite> INTERNED = WireCodes.interned(NAMES, CipherSuite::new,
            CipherSuite::code, List.of(
                    TLS_EMPTY_RENEGOTIATION_INFO_SCSV, TLS_FALLBACK_SCSV, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));

    public CipherSuite {
        WireCodes.checkRange(code, 0xFFFF, "CipherSuite");
    }

    /** The shared instance of a named code (a decoded value then costs a connection nothing), else a new one. */
    public static CipherSuite of(int code) {
        return WireCodes.interned(INTERNED, code, CipherSuite::new);
    }

    public static Optional<CipherSuite> byName(String name) {
        return WireCodes.codeOf(CODES, name).map(CipherSuite::of);
    }

    /** Signalling values that are not suites: RFC 5746 §3.3 and RFC 7507. */
    public boolean isSignalling() {
        return code == 0x00FF || code == 0x5600;
    }

    public String name() {
        return WireCodes.name(NAMES, code, 4);
    }

    @Override
    public String toString() {
        return name();
    }
}
