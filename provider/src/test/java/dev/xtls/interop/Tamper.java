package dev.xtls.interop;

import dev.xtls.testing.WireRecord;
import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/** Record rewriters for EnginePair.intercept: each changes one kind of record once and passes the rest. */
final class Tamper {
    private Tamper() {
    }

    /** Rewrites the first plaintext handshake record whose first message has {@code handshakeType}. */
    static UnaryOperator<ByteBuffer> handshake(int handshakeType, UnaryOperator<byte[]> rewrite) {
        return once(r -> r[0] == WireRecord.HANDSHAKE && r.length > 5 && (r[5] & 0xFF) == handshakeType, rewrite);
    }

    /** Rewrites the {@code n}th (0-based) record of {@code contentType}. */
    static UnaryOperator<ByteBuffer> nth(int contentType, int n, UnaryOperator<byte[]> rewrite) {
        int[] seen = {0};
        return once(r -> (r[0] & 0xFF) == contentType && seen[0]++ == n, rewrite);
    }

    private static UnaryOperator<ByteBuffer> once(java.util.function.Predicate<byte[]> match,
            UnaryOperator<byte[]> rewrite) {
        boolean[] done = {false};
        return buffer -> {
            byte[] record = new byte[buffer.remaining()];
            buffer.get(record);
            if (!done[0] && match.test(record)) {
                done[0] = true;
                return ByteBuffer.wrap(rewrite.apply(record));
            }
            return ByteBuffer.wrap(record);
        };
    }

    /**
     * Rewrites the body of the first handshake message of {@code handshakeType} inside a plaintext handshake record
     * (the record may hold several messages; lengths are fixed up).
     */
    static UnaryOperator<ByteBuffer> messageBody(int handshakeType, UnaryOperator<byte[]> rewriteBody) {
        return once(r -> r[0] == WireRecord.HANDSHAKE && findMessage(r, handshakeType) >= 0, r -> {
            int at = findMessage(r, handshakeType);
            int length = ((r[at + 1] & 0xFF) << 16) | ((r[at + 2] & 0xFF) << 8) | (r[at + 3] & 0xFF);
            byte[] body = java.util.Arrays.copyOfRange(r, at + 4, at + 4 + length);
            byte[] newBody = rewriteBody.apply(body);
            ByteBuffer out = ByteBuffer.allocate(r.length - length + newBody.length);
            out.put(r, 0, at).put((byte) handshakeType).put((byte) (newBody.length >>> 16))
                    .put((byte) (newBody.length >>> 8)).put((byte) newBody.length).put(newBody)
                    .put(r, at + 4 + length, r.length - at - 4 - length);
            byte[] rebuilt = out.array();
            int fragment = rebuilt.length - 5;
            rebuilt[3] = (byte) (fragment >>> 8);
            rebuilt[4] = (byte) fragment;
            return rebuilt;
        });
    }

    private static int findMessage(byte[] record, int handshakeType) {
        int at = 5;
        while (at + 4 <= record.length) {
            int length = ((record[at + 1] & 0xFF) << 16) | ((record[at + 2] & 0xFF) << 8) | (record[at + 3] & 0xFF);
            if ((record[at] & 0xFF) == handshakeType && at + 4 + length <= record.length) {
                return at;
            }
            at += 4 + length;
        }
        return -1;
    }

    /** An opaque<0..2^16-1> holding {@code value} (RFC 5246 §4.3). */
    static byte[] opaque16(byte[] value) {
        return ByteBuffer.allocate(2 + value.length).putShort((short) value.length).put(value).array();
    }

    /** Offset of ClientHello.cipher_suites' length in a ClientHello record (RFC 5246 §7.4.1.2). */
    static int cipherSuitesOffset(byte[] clientHelloRecord) {
        int sessionIdLength = clientHelloRecord[5 + 4 + 2 + 32] & 0xFF;
        return 5 + 4 + 2 + 32 + 1 + sessionIdLength;
    }

    static byte[] flipLastByte(byte[] record) {
        record[record.length - 1] ^= 1;
        return record;
    }
}
