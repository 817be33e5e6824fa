package dev.xtls.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TLS record as seen on the wire (RFC 5246 §6.2): 5-byte header (type, version, length) and fragment. Used to
 * inspect or tamper with captured traffic; the content type and version are raw codes (e.g. 21 = alert).
 */
public record WireRecord(byte[] bytes) {

    public static final int HEADER_LENGTH = 5;
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;

    public WireRecord {
        if (bytes.length < HEADER_LENGTH || bytes.length != HEADER_LENGTH + lengthField(bytes, 0)) {
            throw new IllegalArgumentException("not one complete record: " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int contentType() {
        return bytes[0] & 0xff;
    }

    /** Record-layer version, e.g. 0x0303 for TLS 1.2. */
    public int version() {
        return ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff);
    }

    public byte[] fragment() {
        return Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
    }

    public ByteBuffer toBuffer() {
        return ByteBuffer.wrap(bytes());
    }

    /** Splits bytes that hold whole records; trailing partial bytes are an error. */
    public static List<WireRecord> split(byte[] wire) {
        List<WireRecord> out = new ArrayList<>();
        int off = 0;
        while (off < wire.length) {
            if (wire.length - off < HEADER_LENGTH) {
                throw new IllegalArgumentException("partial record header at offset " + off);
            }
            int end = off + HEADER_LENGTH + lengthField(wire, off);
            if (end > wire.length) {
                throw new IllegalArgumentException("partial record at offset " + off);
            }
            out.add(new WireRecord(Arrays.copyOfRange(wire, off, end)));
            off = end;
        }
        return out;
    }

    /** Length of the first complete record in {@code buf[from, to)} or -1 if incomplete. */
    static int completeRecordLength(ByteBuffer buf, int from, int to) {
        if (to - from < HEADER_LENGTH) {
            return -1;
        }
        int len = HEADER_LENGTH + (((buf.get(from + 3) & 0xff) << 8) | (buf.get(from + 4) & 0xff));
        return to - from >= len ? len : -1;
    }

    private static int lengthField(byte[] b, int off) {
        return ((b[off + 3] & 0xff) << 8) | (b[off + 4] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireRecord r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WireRecord[type=" + contentType() + ", version=0x" + Integer.toHexString(version()) + ", length="
                + (bytes.length - HEADER_LENGTH) + "]";
    }
}
