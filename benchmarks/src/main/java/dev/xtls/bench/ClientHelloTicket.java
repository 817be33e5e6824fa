package dev.xtls.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads the client's ClientHello off the wire (always clear text) and finds its SessionTicket extension (RFC 5077
 * §3.2, type 35) or TLS 1.3 pre_shared_key (RFC 8446 §4.2.11, type 41), to prove how a resumed handshake resumed
 * whatever the implementation exposes.
 */
final class ClientHelloTicket {
    private static final int SESSION_TICKET = 35;
    private static final int PRE_SHARED_KEY = 41;
    private byte[] bytes = new byte[1024];
    private int length;

    void reset() {
        length = 0;
    }

    /** The bytes the client just wrote: {@code out} from {@code from} up to its position; kept until the hello. */
    void accept(ByteBuffer out, int from) {
        if (complete()) {
            return;
        }
        int n = out.position() - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        for (int i = 0; i < n; i++) {
            bytes[length + i] = out.get(from + i);
        }
        length += n;
    }

    private boolean complete() {
        return length >= 5 && length >= 5 + u16(3);
    }

    /**
     * Fails unless the ClientHello offers a pre_shared_key ({@code PSK}), or its SessionTicket extension is
     * non-empty ({@code TICKET}) or absent or empty ({@code ID}).
     */
    void check(ResumedBy by) {
        if (by == ResumedBy.PSK) {
            if (extensionLength(PRE_SHARED_KEY) <= 0) {
                throw new IllegalStateException("not resumed by PSK: the ClientHello offers no pre_shared_key");
            }
            return;
        }
        int ticket = extensionLength(SESSION_TICKET);
        if (by == ResumedBy.TICKET && ticket <= 0) {
            throw new IllegalStateException("not resumed by ticket: the ClientHello's SessionTicket extension is "
                    + (ticket < 0 ? "absent" : "empty"));
        }
        if (by == ResumedBy.ID && ticket > 0) {
            throw new IllegalStateException("not resumed by id: the ClientHello carries a " + ticket
                    + "-byte session ticket");
        }
    }

    /** The length of the data of the extension of {@code type}; -1 if there is none. */
    private int extensionLength(int type) {
        // RFC 5246 §6.2.1 record header (5), §7.4.1.2 ClientHello: type(1) length(3) version(2) random(32)
        if (!complete() || bytes[0] != 22 || bytes[5] != 1) {
            throw new IllegalStateException("the client's first record is not a ClientHello in one record");
        }
        int end = 5 + u16(3);
        int i = 5 + 4 + 2 + 32;
        i += 1 + (bytes[i] & 0xff);          // session_id
        i += 2 + u16(i);                     // cipher_suites
        i += 1 + (bytes[i] & 0xff);          // compression_methods
        if (i >= end) {
            return -1;                       // no extensions
        }
        int extensionsEnd = i + 2 + u16(i);
        for (i += 2; i + 4 <= extensionsEnd; i += 4 + u16(i + 2)) {
            if (u16(i) == type) {
                return u16(i + 2);
            }
        }
        return -1;
    }

    private int u16(int i) {
        return (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
    }
}
