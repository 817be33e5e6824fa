package dev.xtls.engine;

import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordWriter;
import dev.xtls.wire.ContentType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Records no honest peer sends (floods of HelloRequests, alerts, empty records), sealed under an established
 * connection's current write keys so that its partner accepts them as genuine.
 */
final class PeerRecords {
    private final RecordWriter writer;

    PeerRecords(TlsConnection sender) {
        try {
            Field f = ConnectionOutbound.class.getDeclaredField("writer");
            f.setAccessible(true); // the sender's own record writer keeps keys and sequence numbers in step
            writer = (RecordWriter) f.get(sender);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** One protected record of {@code type} carrying {@code content} (at most 2^14 bytes). */
    ByteBuffer seal(ContentType type, byte[] content) {
        ByteBuffer out = ByteBuffer.allocate(RecordLimits.MAX_RECORD);
        writer.write(type, ByteBuffer.wrap(content), out);
        return out.flip();
    }

    /** {@code count} copies of {@code unit} back to back. */
    static byte[] repeated(byte[] unit, int count) {
        byte[] out = new byte[unit.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }
}
