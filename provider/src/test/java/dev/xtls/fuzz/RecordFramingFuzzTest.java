package dev.xtls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xtls.record.HandshakeAssembler;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.record.RecordLimits;
import dev.xtls.record.RecordReader;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;

/**
 * Record framing (RFC 5246 §6.2.1) and handshake reassembly over unprotected records, as the engine reads a
 * peer's first flight: headers, lengths, fragments split and joined. Only a {@link TlsException} may stop it,
 * every record and message it yields lies within the input, and a message never exceeds the configured limit.
 */
class RecordFramingFuzzTest {
    /** jdk.tls.maxHandshakeMessageSize's default, as the engine uses it. */
    private static final int MAX_MESSAGE = 32768;

    @FuzzTest(maxDuration = "2m")
    void frames(byte[] input) {
        RecordReader reader = new RecordReader();
        HandshakeAssembler assembler = new HandshakeAssembler(MAX_MESSAGE);
        ByteBuffer src = ByteBuffer.wrap(input);
        ByteBuffer out = ByteBuffer.allocate(RecordLimits.MAX_PLAINTEXT);
        int messageBytes = 0;
        try {
            // each pass consumes one whole record (at least its 5-byte header), so input.length bounds the loop
            for (int records = 0; records <= input.length / RecordLimits.HEADER_LENGTH; records++) {
                int length = reader.recordLength(src);
                if (length < 0 || length > src.remaining()) {
                    return; // the engine would ask for more bytes (BUFFER_UNDERFLOW)
                }
                out.clear();
                int n = reader.read(src, length, out);
                assertEquals(length - RecordLimits.HEADER_LENGTH, n, "an unprotected record is its fragment");
                if (reader.lastType().equals(ContentType.HANDSHAKE)) {
                    assembler.add(out.flip());
                    for (RawHandshakeMessage m = assembler.next(); m != null; m = assembler.next()) {
                        messageBytes += m.encoded().length;
                        assertTrue(m.body().length <= Math.max(MAX_MESSAGE, HandshakeAssembler.MAX_CLIENT_HELLO));
                        assertTrue(messageBytes <= input.length, "messages come from the input");
                    }
                }
            }
            assertEquals(0, src.remaining(), "every record was read");
        } catch (TlsException expected) {
            assertTrue(expected.alert() != null);
        }
    }
}
