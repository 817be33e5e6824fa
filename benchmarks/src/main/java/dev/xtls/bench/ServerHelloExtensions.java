package dev.xtls.bench;

/**
 * The extensions of the ServerHello that opens a server's clear-text handshake bytes (RFC 5246 §7.4.1.3, RFC 8446
 * §4.1.3) that the checks need: whether pre_shared_key is there, whether supported_versions selected TLS 1.3 and
 * the group of the key_share. Reused for each handshake: reading allocates nothing, so the check adds no bytes/op.
 */
final class ServerHelloExtensions {
    private static final int PRE_SHARED_KEY = 41;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int KEY_SHARE = 51;
    private static final int TLS13 = 0x0304;

    private byte[] hs;
    // offsets of the extensions' data in hs; -1 when absent
    private int preSharedKeyAt;
    private int supportedVersionsAt;
    private int keyShareAt;

    /** Reads the ServerHello at the start of {@code hs}'s first {@code length} bytes; none if it is not one. */
    ServerHelloExtensions read(byte[] hs, int length) {
        this.hs = hs;
        preSharedKeyAt = -1;
        supportedVersionsAt = -1;
        keyShareAt = -1;
        if (length < 4 || hs[0] != 2) {
            return this;
        }
        int end = 4 + u24(hs, 1);
        int i = 4 + 2 + 32;                   // type(1) length(3), legacy_version(2), random(32)
        i += 1 + (hs[i] & 0xff);              // legacy_session_id_echo
        i += 2 + 1;                           // cipher_suite, legacy_compression_method
        if (i + 2 <= end) {
            int extensionsEnd = i + 2 + u16(hs, i);
            for (i += 2; i + 4 <= extensionsEnd; i += 4 + u16(hs, i + 2)) {
                switch (u16(hs, i)) {
                    case PRE_SHARED_KEY -> preSharedKeyAt = i + 4;
                    case SUPPORTED_VERSIONS -> supportedVersionsAt = i + 4;
                    case KEY_SHARE -> keyShareAt = i + 4;
                    default -> { } // not needed by the checks
                }
            }
        }
        return this;
    }

    /** RFC 8446 §4.2.11: the server resumed with a PSK. */
    boolean hasPreSharedKey() {
        return preSharedKeyAt >= 0;
    }

    /** RFC 8446 §4.2.1: the server's supported_versions holds the one version it selected. */
    boolean tls13() {
        return supportedVersionsAt >= 0 && u16(hs, supportedVersionsAt) == TLS13;
    }

    /** RFC 8446 §4.2.8: the server's KeyShareEntry starts with its NamedGroup; -1 without key_share. */
    int keyShareGroup() {
        return keyShareAt < 0 ? -1 : u16(hs, keyShareAt);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xff) << 16 | u16(b, i + 1);
    }
}
