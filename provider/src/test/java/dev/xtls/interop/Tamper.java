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
