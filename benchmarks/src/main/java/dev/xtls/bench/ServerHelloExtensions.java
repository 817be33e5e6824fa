package dev.xtls.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The extensions of the ServerHello that opens a server's clear-text handshake bytes (RFC 5246 §7.4.1.3, RFC 8446
 * §4.1.3): which ones are there, whether supported_versions selected TLS 1.3 and the group of the key_share.
 */
final class ServerHelloExtensions {
    static final int PRE_SHARED_KEY = 41;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int KEY_SHARE = 51;
    private static final int TLS13 = 0x0304;

    /** Extension type to the offset of its data in {@code hs}. */
    private final Map<Integer, Integer> offsets;
    private final byte[] hs;

    private ServerHelloExtensions(byte[] hs, Map<Integer, Integer> offsets) {
        this.hs = hs;
        this.offsets = offsets;
    }

    /** Reads the ServerHello at the start of {@code hs} (handshake messages); none if it does not start with one. */
    static ServerHelloExtensions of(byte[] hs) {
        Map<Integer, Integer> offsets = new HashMap<>();
        if (hs.length < 4 || hs[0] != 2) {
            return new ServerHelloExtensions(hs, offsets);
        }
        int end = 4 + u24(hs, 1);
        int i = 4 + 2 + 32;                   // type(1) length(3), legacy_version(2), random(32)
        i += 1 + (hs[i] & 0xff);              // legacy_session_id_echo
        i += 2 + 1;                           // cipher_suite, legacy_compression_method
        if (i + 2 <= end) {
            int extensionsEnd = i + 2 + u16(hs, i);
            for (i += 2; i + 4 <= extensionsEnd; i += 4 + u16(hs, i + 2)) {
                offsets.put(u16(hs, i), i + 4);
            }
        }
        return new ServerHelloExtensions(hs, offsets);
    }

    boolean has(int type) {
        return offsets.containsKey(type);
    }

    /** RFC 8446 §4.2.1: the server's supported_versions holds the one version it selected. */
    boolean tls13() {
        Integer at = offsets.get(SUPPORTED_VERSIONS);
        return at != null && u16(hs, at) == TLS13;
    }

    /** RFC 8446 §4.2.8: the server's KeyShareEntry starts with its NamedGroup; -1 without key_share. */
    int keyShareGroup() {
        Integer at = offsets.get(KEY_SHARE);
        return at == null ? -1 : u16(hs, at);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xff) << 16 | u16(b, i + 1);
    }
}
