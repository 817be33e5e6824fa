package dev.xtls.record;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reassembles handshake messages from record fragments: a message may span records and a record may hold
 * several messages (RFC 5246 §6.2.1). A message over the configured limit is refused as soon as its header is
 * seen, before its body is buffered.
 */
public final class HandshakeAssembler {
    private static final int HEADER = 4;
    /**
     * The largest ClientHello body its fields can hold (RFC 5246 §7.4.1.2: 2 + 32 + 1+32 + 2+65534 + 1+255 +
     * 2+65535), as OpenSSL's CLIENT_HELLO_MAX_LENGTH: one up to this size is read whatever the configured limit.
     */
    public static final int MAX_CLIENT_HELLO = 131396;
    private final int maxMessageSize;
    private static final byte[] NONE = new byte[0];
    private byte[] buf = NONE;
    private int start;
    private int end;

    public HandshakeAssembler(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** True when no partial message is buffered. */
    public boolean isEmpty() {
        return start == end;
    }

    public void add(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (n == 0) {
            // RFC 5246 §6.2.1: zero-length handshake fragments must not be sent
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "empty handshake record");
        }
        if (start > 0 && start == end) {
            start = end = 0;
        }
        if (end + n > buf.length) {
            int live = end - start;
            int needed = live + n;
            byte[] next = needed > buf.length ? new byte[Math.max(Math.max(needed, 512), buf.length * 2)] : buf;
            System.arraycopy(buf, start, next, 0, live);
            buf = next;
            start = 0;
            end = live;
        }
        fragment.get(buf, end, n);
        end += n;
        checkPendingLength();
    }

    private void checkPendingLength() {
        if (end - start >= HEADER) {
            int length = bodyLength();
            HandshakeType type = new HandshakeType(buf[start] & 0xFF);
            boolean clientHello = type.equals(HandshakeType.CLIENT_HELLO);
            int limit = clientHello ? Math.max(maxMessageSize, MAX_CLIENT_HELLO) : maxMessageSize;
            if (length > limit) {
                // a size we will not buffer, though well-formed: illegal_parameter, as OpenSSL answers
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "handshake message " + type + " of "
                        + length + " bytes exceeds the limit of " + limit + (clientHello
                        ? " (the largest ClientHello its fields can hold, RFC 5246 §7.4.1.2)"
                        : " (jdk.tls.maxHandshakeMessageSize)"));
            }
        }
    }

    private int bodyLength() {
        return ((buf[start + 1] & 0xFF) << 16) | ((buf[start + 2] & 0xFF) << 8) | (buf[start + 3] & 0xFF);
    }

    /** The next complete message, or null when more fragments are needed. */
    public RawHandshakeMessage next() {
        if (end - start < HEADER) {
            return null;
        }
        int length = bodyLength();
        if (end - start < HEADER + length) {
            return null;
        }
        byte[] encoded = Arrays.copyOfRange(buf, start, start + HEADER + length);
        byte[] body = Arrays.copyOfRange(encoded, HEADER, encoded.length);
        start += HEADER + length;
        checkPendingLength();
        return new RawHandshakeMessage(new HandshakeType(encoded[0] & 0xFF), body, encoded);
    }
}
