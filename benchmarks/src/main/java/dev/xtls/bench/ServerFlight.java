package dev.xtls.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads the server's plaintext first flight off the wire (TLS 1.2 sends it unencrypted) to prove what a handshake
 * did whatever the implementation exposes: that it was full (Certificate and ServerKeyExchange present) and which
 * named group the ServerKeyExchange carries (RFC 8422 §5.4: curve_type named_curve(3), then the group). TLS 1.3
 * encrypts all but the ServerHello, so there its extensions tell (RFC 8446 §4.1.3): supported_versions 0x0304,
 * key_share's group, and pre_shared_key present exactly when the server resumed. Its buffers are reused, so the
 * checks, which run inside the measured handshakes, allocate nothing.
 */
final class ServerFlight {
    private byte[] records = new byte[4096];
    private int length;
    private boolean closed;
    private byte[] hs = new byte[4096];  // the flight's handshake messages without their record headers
    private int hsLength;
    private final ServerHelloExtensions hello = new ServerHelloExtensions();

    void reset() {
        length = 0;
        closed = false;
    }

    /** The bytes the server just wrote: {@code out} from {@code from} up to its position. */
    void accept(ByteBuffer out, int from) {
        if (closed) {
            return;
        }
        int n = out.position() - from;
        if (length + n > records.length) {
            records = Arrays.copyOf(records, Math.max(records.length * 2, length + n));
        }
        for (int i = 0; i < n; i++) {
            records[length + i] = out.get(from + i);
        }
        length += n;
        if (length > 0 && containsChangeCipherSpec()) {
            closed = true;
        }
    }

    private boolean containsChangeCipherSpec() {
        for (int i = 0; i + 5 <= length; i += 5 + u16(records, i + 3)) {
            if (records[i] == 20) {
                return true;
            }
        }
        return false;
    }

    /**
     * An abbreviated handshake (RFC 5246 §7.3): the server's clear-text flight is a ServerHello, followed by a
     * NewSessionTicket (RFC 5077 §3.3) only when resuming {@code by} ticket — no Certificate, no ServerKeyExchange.
     */
    void checkResumed(ResumedBy by) {
        readClearHandshake();
        ServerHelloExtensions hello = this.hello.read(hs, hsLength);
        if (by == ResumedBy.PSK) {
            if (!hello.tls13() || !hello.hasPreSharedKey()) {
                throw new IllegalStateException("not resumed by PSK: TLS 1.3 " + hello.tls13()
                        + ", pre_shared_key in the ServerHello " + hello.hasPreSharedKey());
            }
            return;
        }
        if (hello.tls13()) {
            throw new IllegalStateException("not resumed by " + by + ": the server chose TLS 1.3");
        }
        for (int i = 0; i + 4 <= hsLength; i += 4 + u24(hs, i + 1)) {
            int type = hs[i] & 0xff;
            if (type != 2 && (type != 4 || by != ResumedBy.TICKET)) {
                throw new IllegalStateException("not resumed: the server sent handshake message type " + type);
            }
        }
        if (hsLength == 0 || (hs[0] & 0xff) != 2) {
            throw new IllegalStateException("not resumed: no ServerHello in the server's flight");
        }
    }

    /** Copies the handshake records' contents, up to the ChangeCipherSpec, into {@code hs}. */
    private void readClearHandshake() {
        if (hs.length < length) {
            hs = new byte[Math.max(hs.length * 2, length)];
        }
        hsLength = 0;
        for (int i = 0; i + 5 <= length; i += 5 + u16(records, i + 3)) {
            if (records[i] == 20) {
                break;
            }
            if (records[i] == 22) {
                int len = u16(records, i + 3);
                System.arraycopy(records, i + 5, hs, hsLength, len);
                hsLength += len;
            }
        }
    }

    /** Fails unless the flight was a full handshake whose ServerKeyExchange used {@code group} (any if null). */
    void check(String group) {
        readClearHandshake();
        ServerHelloExtensions hello = this.hello.read(hs, hsLength);
        if (hello.tls13()) {
            checkFull13(hello, group);
            return;
        }
        boolean certificate = false;
        String seen = null;
        for (int i = 0; i + 4 <= hsLength; i += 4 + u24(hs, i + 1)) {
            int type = hs[i] & 0xff;
            if (type == 11) {
                certificate = true;
            } else if (type == 12 && (hs[i + 4] & 0xff) == 3) {
                seen = groupName(u16(hs, i + 5));
            }
        }
        if (!certificate || seen == null) {
            throw new IllegalStateException("not a full ECDHE handshake: certificate " + certificate
                    + ", ServerKeyExchange group " + seen);
        }
        if (group != null && !group.equals(seen)) {
            throw new IllegalStateException("negotiated group " + seen + ", expected " + group);
        }
    }

    /** RFC 8446 §2: a full TLS 1.3 handshake is one whose ServerHello carries no pre_shared_key. */
    private static void checkFull13(ServerHelloExtensions hello, String group) {
        String seen = hello.keyShareGroup() < 0 ? null : groupName(hello.keyShareGroup());
        if (hello.hasPreSharedKey() || seen == null) {
            throw new IllegalStateException("not a full TLS 1.3 (EC)DHE handshake: pre_shared_key "
                    + hello.hasPreSharedKey() + ", key_share group " + seen);
        }
        if (group != null && !group.equals(seen)) {
            throw new IllegalStateException("negotiated group " + seen + ", expected " + group);
        }
    }

    private static String groupName(int id) {
        return switch (id) {
            case 0x0017 -> "secp256r1";
            case 0x0018 -> "secp384r1";
            case 0x0019 -> "secp521r1";
            case 0x001d -> "x25519";
            case 0x001e -> "x448";
            default -> String.format("0x%04x", id);
        };
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xff) << 16 | u16(b, i + 1);
    }
}
