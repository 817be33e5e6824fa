package dev.xtls.record;

import static dev.xtls.record.RecordAssertions.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The record layer keeps to max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449 §4). */
class RecordSizeLimitsTest {
    private static final TlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final RecordSizeLimits MFL_512 = new RecordSizeLimits(512, 512, false, true);

    private static Tls13RecordProtection tls13(RecordPadding padding) {
        return new Tls13RecordProtection(CRYPTO.aead(BulkCipher.AES_128_GCM, pattern(16, 1)), pattern(12, 2),
                padding);
    }

    /** One record of {@code content} bytes written by {@code writer}. */
    private static ByteBuffer record(RecordWriter writer, int content) {
        ByteBuffer out = ByteBuffer.allocate(writer.recordLength(content));
        writer.write(ContentType.APPLICATION_DATA, ByteBuffer.wrap(pattern(content, 3)), out);
        return out.flip();
    }

    private static int read(RecordReader reader, ByteBuffer record) {
        return reader.read(record, reader.recordLength(record), ByteBuffer.allocate(RecordLimits.MAX_CIPHERTEXT));
    }

    private static void assertOverflow(RecordReader reader, ByteBuffer record) {
        TlsException e = assertThrows(TlsException.class, () -> read(reader, record));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertTrue(e.getMessage().contains("RFC 6066 §4, RFC 8449 §4"), e.getMessage());
    }

    @Test
    void maxFragmentLengthBindsPlaintextRecordsToo() {
        RecordReader reader = new RecordReader();
        reader.limit(MFL_512);
        assertEquals(512, read(reader, record(new RecordWriter(), 512)));
        assertOverflow(reader, record(new RecordWriter(), 513));
    }

    @Test
    void recordSizeLimitLeavesUnprotectedRecordsAlone() {
        RecordReader reader = new RecordReader();
        reader.limit(new RecordSizeLimits(512, 512, false, false));
        assertEquals(4000, read(reader, record(new RecordWriter(), 4000)));
    }

    @Test
    void tls13RecordSizeLimitCountsTypeByteAndPadding() {
        RecordWriter writer = new RecordWriter();
        writer.install(tls13(new RecordPadding(64)));
        RecordReader reader = new RecordReader();
        reader.install(tls13(RecordPadding.NONE));
        reader.limit(new RecordSizeLimits(1 << 14, 500, true, false));
        assertEquals(447, read(reader, record(writer, 447))); // 447 + type byte = 448, a multiple of 64
        assertOverflow(reader, record(writer, 499)); // 499 + type byte fits 500, padded to 512 it does not
    }

    @Test
    void writerSplitsAtTheAgreedLengthAndTheMaximumPacketSize() {
        RecordWriter writer = new RecordWriter();
        writer.install(tls13(RecordPadding.NONE));
        assertEquals(RecordLimits.MAX_PLAINTEXT, writer.maxFragment());
        writer.limitContent(511);
        assertEquals(511, writer.maxFragment());
        writer.limitPackets(300);
        int n = writer.maxFragment();
        assertEquals(300, writer.recordLength(n)); // header, content, type byte, tag
        writer.install(new CbcProtection(CRYPTO.cbc(BulkCipher.AES_128_CBC, pattern(16, 4)),
                CRYPTO.hmac(HashAlgorithm.SHA256, pattern(32, 5)), false, CRYPTO.random()));
        n = writer.maxFragment();
        assertTrue(writer.recordLength(n) <= 300 && writer.recordLength(n + 16) > 300, "CBC fragment " + n);
    }
}
