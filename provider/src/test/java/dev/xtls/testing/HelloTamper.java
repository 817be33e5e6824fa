package dev.xtls.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Record rewriters for {@link EnginePair.Builder#intercept} that change the n-th plaintext ClientHello or
 * ServerHello (a HelloRetryRequest counts as a ServerHello, RFC 8446 §4.1.4) a side sends, fixing every length.
 * Under TLS 1.3 each hello travels in a record of its own; the rest of the traffic passes unchanged.
 */
public final class HelloTamper {
    private HelloTamper() {
    }

    /** Rewrites the body of the {@code nth} (0-based) hello of {@code helloType} (1 or 2). */
    public static UnaryOperator<ByteBuffer> body(int helloType, int nth, UnaryOperator<byte[]> rewriteBody) {
        int[] seen = {0};
        return buffer -> {
            byte[] record = new byte[buffer.remaining()];
            buffer.get(record);
            if (record[0] != WireRecord.HANDSHAKE || (record[5] & 0xFF) != helloType || seen[0]++ != nth) {
                return ByteBuffer.wrap(record);
            }
            int bodyLength = ((record[6] & 0xFF) << 16) | ((record[7] & 0xFF) << 8) | (record[8] & 0xFF);
            byte[] nb = rewriteBody.apply(Arrays.copyOfRange(record, 9, 9 + bodyLength));
            ByteBuffer out = ByteBuffer.allocate(record.length - bodyLength + nb.length);
            int fragment = out.capacity() - WireRecord.HEADER_LENGTH;
            out.put(record, 0, 3).putShort((short) fragment).put((byte) helloType).put((byte) (nb.length >>> 16))
                    .putShort((short) nb.length).put(nb).put(record, 9 + bodyLength, record.length - 9 - bodyLength);
            return out.flip();
        };
    }

    /**
     * Rewrites the data of extension {@code extensionType} in the {@code nth} hello of {@code helloType}; the
     * rewriter gets null when the extension is absent and returns null to leave it out.
     */
    public static UnaryOperator<ByteBuffer> extension(int helloType, int nth, int extensionType,
            UnaryOperator<byte[]> rewriteData) {
        return body(helloType, nth, b -> extensions(b, helloType, list -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] found = null;
            int at = 0;
            while (at + 4 <= list.length) {
                int type = u16(list, at);
                int length = u16(list, at + 2);
                if (type == extensionType) {
                    found = Arrays.copyOfRange(list, at + 4, at + 4 + length);
                    writeExtension(out, type, rewriteData.apply(found));
                } else {
                    out.write(list, at, 4 + length);
                }
                at += 4 + length;
            }
            if (found == null) {
                writeExtension(out, extensionType, rewriteData.apply(null));
            }
            return out.toByteArray();
        }));
    }

    /** Rewrites the whole extensions list (without its length) of a hello body. */
    public static byte[] extensions(byte[] body, int helloType, UnaryOperator<byte[]> rewriteList) {
        int at = extensionsOffset(body, helloType);
        byte[] list = at < body.length ? Arrays.copyOfRange(body, at + 2, body.length) : new byte[0];
        byte[] rewritten = rewriteList.apply(list);
        return ByteBuffer.allocate(at + 2 + rewritten.length).put(body, 0, at).putShort((short) rewritten.length)
                .put(rewritten).array();
    }

    /** Offset of the extensions' length field in a hello body (RFC 8446 §4.1.2-3). */
    public static int extensionsOffset(byte[] body, int helloType) {
        int at = sessionIdOffset(body);
        at += 1 + (body[at] & 0xFF); // legacy_session_id
        if (helloType == PlaintextHandshake.CLIENT_HELLO) {
            at += 2 + u16(body, at); // cipher_suites
            return at + 1 + (body[at] & 0xFF); // legacy_compression_methods
        }
        return at + 2 + 1; // cipher_suite, legacy_compression_method
    }

    /** Offset of legacy_session_id's length byte: after version and random. */
    public static int sessionIdOffset(byte[] body) {
        return 2 + 32;
    }

    /** Offset of ServerHello.cipher_suite. */
    public static int serverCipherSuiteOffset(byte[] serverHelloBody) {
        return sessionIdOffset(serverHelloBody) + 1 + (serverHelloBody[sessionIdOffset(serverHelloBody)] & 0xFF);
    }

    private static void writeExtension(ByteArrayOutputStream out, int type, byte[] data) {
        if (data == null) {
            return;
        }
        out.write(type >>> 8);
        out.write(type);
        out.write(data.length >>> 8);
        out.write(data.length);
        out.writeBytes(data);
    }

    public static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
