package dev.xtls.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.function.Executable;

/** Shared checks and buffer helpers for record protection tests. */
final class RecordAssertions {
    static final int TLS12 = 0x0303;

    private RecordAssertions() {
    }

    /** Every way of failing to open a record looks the same: one alert, one message. */
    static void assertAuthenticationFails(Executable open, String what) {
        TlsException e = assertThrows(TlsException.class, open, what);
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), what);
        assertEquals("record authentication failed", e.getMessage(), what);
    }

    /** A failure whose message may name public facts (a record too short), but whose alert is bad_record_mac. */
    static void assertBadRecordMac(Executable open, String what) {
        TlsException e = assertThrows(TlsException.class, open, what);
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), what);
    }

    static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    static ByteBuffer bufferOf(boolean direct, byte[] content) {
        ByteBuffer b = buffer(direct, content.length);
        b.put(content).flip();
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** seq_num + type + version + length, the AEAD additional data and the CBC MAC header (RFC 5246 §6.2.3). */
    static byte[] header(long seq, int type, int version, int length) {
        return ByteBuffer.allocate(13).putLong(seq).put((byte) type).putShort((short) version)
                .putShort((short) length).array();
    }
}
