package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordWriter;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    private static final int LIMIT = 1 << 16;

    @Test
    void refusesToHoldMoreThanItsLimitOfUnsentBytes() {
        OutboundQueue queue = new OutboundQueue(LIMIT);
        TlsException e = assertThrows(TlsException.class, () -> {
            for (int i = 0; i < 1_000_000; i++) {
                queue.record(ContentType.ALERT, new byte[] {1, 100});
            }
        });
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        assertTrue(e.getMessage().contains("wrap"), e.getMessage());
    }

    @Test
    void sendingMakesRoomAgain() {
        OutboundQueue queue = new OutboundQueue(LIMIT);
        RecordWriter writer = new RecordWriter();
        ByteBuffer dst = ByteBuffer.allocate(RecordLimits.MAX_RECORD);
        for (int round = 0; round < 10; round++) {
            queue.handshake(new byte[LIMIT - 100]);
            queue.record(ContentType.ALERT, new byte[] {1, 100});
            for (int i = 0; i < 100 && !queue.isEmpty(); i++) {
                dst.clear();
                assertTrue(queue.drainInto(writer, dst) > 0);
            }
            assertTrue(queue.isEmpty());
        }
    }
}
