package dev.xtls.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/**
 * Record rewriters for {@link EnginePair.Builder#intercept} that take an extension out of, or put one into, the
 * first plaintext ClientHello or ServerHello a side sends (RFC 5246 §7.4.1.2-4), fixing every length on the way.
 * The rest of the traffic passes unchanged. {@link HelloTamper} does the rewriting.
 */
public final class HelloExtensions {
    private HelloExtensions() {
    }

    /** Removes extension {@code extensionType} from the first hello of {@code helloType} (1 or 2). */
    public static UnaryOperator<ByteBuffer> without(int helloType, int extensionType) {
        return HelloTamper.extension(helloType, 0, extensionType, data -> null);
    }

    /** Appends extension {@code extensionType} with {@code data} to the first hello of {@code helloType}. */
    public static UnaryOperator<ByteBuffer> with(int helloType, int extensionType, byte[] data) {
        return HelloTamper.body(helloType, 0, body -> HelloTamper.extensions(body, helloType, extensions -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(extensions);
            out.write(extensionType >>> 8);
            out.write(extensionType);
            out.write(data.length >>> 8);
            out.write(data.length);
            out.writeBytes(data);
            return out.toByteArray();
        }));
    }
}
