package dev.xtls.wire;

/**
 * A bounded cursor over received bytes (RFC 5246 §4 presentation language). Every read is checked against the
 * limit; a vector's length prefix yields a sub-reader that cannot read past the vector.
 */
public final class TlsReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    private TlsReader(byte[] buf, int offset, int limit) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
    }

    public static TlsReader of(byte[] bytes) {
        return new TlsReader(bytes, 0, bytes.length);
    }

    public static TlsReader of(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || length > bytes.length - offset) {
            throw new IndexOutOfBoundsException();
        }
        return new TlsReader(bytes, offset, offset + length);
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n, String what) {
        if (n > limit - pos) {
            throw new DecodeException(what + ": needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public int u8() {
        need(1, "uint8");
        return buf[pos++] & 0xFF;
    }

    public int u16() {
        need(2, "uint16");
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int u24() {
        need(3, "uint24");
        int v = ((buf[pos] & 0xFF) << 16) | ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    public long u32() {
        need(4, "uint32");
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public byte[] bytes(int n) {
        if (n < 0) {
            throw new DecodeException("negative length " + n);
        }
        need(n, "opaque");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public byte[] opaque8() {
        return bytes(u8());
    }

    public byte[] opaque16() {
        return bytes(u16());
    }

    public byte[] opaque24() {
        return bytes(u24());
    }

    private TlsReader sub(int n) {
        need(n, "vector");
        TlsReader r = new TlsReader(buf, pos, pos + n);
        pos += n;
        return r;
    }

    /** The vector behind a one-byte length, as its own bounded reader. */
    public TlsReader sub8() {
        return sub(u8());
    }

    public TlsReader sub16() {
        return sub(u16());
    }

    public TlsReader sub24() {
        return sub(u24());
    }

    /** Trailing bytes inside a structure are a decode_error (RFC 8446 §4, RFC 5246 §7.4.1.4). */
    public void expectEnd(String what) {
        if (pos != limit) {
            throw new DecodeException(what + ": " + (limit - pos) + " unexpected trailing bytes");
        }
    }
}
