package dev.xtls.wire;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Growable output in the RFC 5246 §4 presentation language. Nested vectors are written with
 * {@code prefixed8/16/24}: the body is written first and its length filled in afterwards, so no length is
 * computed by hand.
 */
public final class TlsWriter {
    private byte[] buf;
    private int len;

    public TlsWriter() {
        this(256);
    }

    public TlsWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private static void checkFits(long value, long max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " value out of range: " + value);
        }
    }

    public TlsWriter u8(int v) {
        checkFits(v, 0xFF, "uint8");
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u16(int v) {
        checkFits(v, 0xFFFF, "uint16");
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u24(int v) {
        checkFits(v, 0xFFFFFF, "uint24");
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u32(long v) {
        checkFits(v, 0xFFFFFFFFL, "uint32");
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public TlsWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public TlsWriter opaque8(byte[] b) {
        return u8(b.length).bytes(b);
    }

    public TlsWriter opaque16(byte[] b) {
        return u16(b.length).bytes(b);
    }

    public TlsWriter opaque24(byte[] b) {
        return u24(b.length).bytes(b);
    }

    private TlsWriter prefixed(int prefixBytes, long max, Consumer<TlsWriter> body) {
        ensure(prefixBytes);
        int at = len;
        len += prefixBytes;
        body.accept(this);
        int n = len - at - prefixBytes;
        checkFits(n, max, "vector length");
        for (int i = prefixBytes - 1; i >= 0; i--) {
            buf[at + i] = (byte) (n >>> (8 * (prefixBytes - 1 - i)));
        }
        return this;
    }

    public TlsWriter prefixed8(Consumer<TlsWriter> body) {
        return prefixed(1, 0xFF, body);
    }

    public TlsWriter prefixed16(Consumer<TlsWriter> body) {
        return prefixed(2, 0xFFFF, body);
    }

    public TlsWriter prefixed24(Consumer<TlsWriter> body) {
        return prefixed(3, 0xFFFFFF, body);
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
