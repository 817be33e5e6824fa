package dev.xtls.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string that compares by content, so message records compare by content. */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies {@code b}. */
    public static Bytes of(byte[] b) {
        return b.length == 0 ? EMPTY : new Bytes(b.clone());
    }

    /** Takes ownership of {@code b}: the caller must not change it afterwards. */
    public static Bytes wrap(byte[] b) {
        return b.length == 0 ? EMPTY : new Bytes(b);
    }

    public static Bytes fromHex(String hex) {
        return wrap(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public int get(int i) {
        return data[i] & 0xFF;
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    public void writeTo(TlsWriter w) {
        w.bytes(data);
    }

    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 64 ? toHex() : toHex().substring(0, 128) + "...(" + data.length + " bytes)";
    }
}
