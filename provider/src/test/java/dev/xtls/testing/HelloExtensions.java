package dev.xtls.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Record rewriters for {@link EnginePair.Builder#intercept} that take an extension out of, or put one into, the
 * first plaintext ClientHello or ServerHello a side sends (RFC 5246 §7.4.1.2-4), fixing every length on the way.
 * The rest of the traffic passes unchanged.
 */
public final class HelloExtensions {
    private HelloExtensions() {
    }

    /** Removes extension {@code extensionType} from the first hello of {@code helloType} (1 or 2). */
    public static UnaryOperator<ByteBuffer> without(int helloType, int extensionType) {
        return rewriteOnce(helloType, extensions -> filter(extensions, extensionType));
    }

    /** Appends extension {@code extensionType} with {@code data} to the first hello of {@code helloType}. */
    public static UnaryOperator<ByteBuffer> with(int helloType, int extensionType, byte[] data) {
        return rewriteOnce(helloType, extensions -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(extensions);
            out.write(extensionType >>> 8);
            out.write(extensionType);
            out.write(data.length >>> 8);
            out.write(data.length);
            out.writeBytes(data);
            return out.toByteArray();
        });
    }

    private static byte[] filter(byte[] extensions, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 4 <= extensions.length) {
            int t = ((extensions[at] & 0xFF) << 8) | (extensions[at + 1] & 0xFF);
            int length = ((extensions[at + 2] & 0xFF) << 8) | (extensions[at + 3] & 0xFF);
            if (t != type) {
                out.write(extensions, at, 4 + length);
            }
            at += 4 + length;
        }
        return out.toByteArray();
    }

    private static UnaryOperator<ByteBuffer> rewriteOnce(int helloType, UnaryOperator<byte[]> rewriteExtensions) {
        boolean[] done = {false};
        return buffer -> {
            byte[] record = new byte[buffer.remaining()];
            buffer.get(record);
            if (done[0] || record[0] != WireRecord.HANDSHAKE || (record[5] & 0xFF) != helloType) {
                return ByteBuffer.wrap(record);
            }
            done[0] = true;
            int bodyLength = ((record[6] & 0xFF) << 16) | ((record[7] & 0xFF) << 8) | (record[8] & 0xFF);
            byte[] body = Arrays.copyOfRange(record, 9, 9 + bodyLength);
            int at = 2 + 32;
            at += 1 + (body[at] & 0xFF); // session_id
            if (helloType == PlaintextHandshake.CLIENT_HELLO) {
                at += 2 + (((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF)); // cipher_suites
                at += 1 + (body[at] & 0xFF); // compression_methods
            } else {
                at += 2 + 1; // cipher_suite, compression_method
            }
            byte[] extensions = at < body.length ? Arrays.copyOfRange(body, at + 2, body.length) : new byte[0];
            byte[] rewritten = rewriteExtensions.apply(extensions);
            ByteArrayOutputStream newBody = new ByteArrayOutputStream();
            newBody.write(body, 0, at);
            newBody.write(rewritten.length >>> 8);
            newBody.write(rewritten.length);
            newBody.writeBytes(rewritten);
            byte[] nb = newBody.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int fragment = 4 + nb.length + (record.length - 9 - bodyLength);
            out.write(record, 0, 3);
            out.write(fragment >>> 8);
            out.write(fragment);
            out.write(helloType);
            out.write(nb.length >>> 16);
            out.write(nb.length >>> 8);
            out.write(nb.length);
            out.writeBytes(nb);
            out.write(record, 9 + bodyLength, record.length - 9 - bodyLength);
            return ByteBuffer.wrap(out.toByteArray());
        };
    }
}
