package dev.xtls.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TlsWriterTest {
    @Test
    void writesBigEndianIntegersOfEachWidth() {
        byte[] out = new TlsWriter().u8(0xFF).u16(0x1234).u24(0xABCDEF).u32(0xFFFFFFFEL).toByteArray();
        assertArrayEquals(Bytes.fromHex("ff1234abcdeffffffffe").toByteArray(), out);
    }

    @Test
    void rejectsIntegersThatDoNotFit() {
        TlsWriter w = new TlsWriter();
        assertThrows(IllegalArgumentException.class, () -> w.u8(256));
        assertThrows(IllegalArgumentException.class, () -> w.u8(-1));
        assertThrows(IllegalArgumentException.class, () -> w.u16(0x10000));
        assertThrows(IllegalArgumentException.class, () -> w.u24(0x1000000));
        assertThrows(IllegalArgumentException.class, () -> w.u32(1L << 32));
        assertEquals(0, w.size());
    }

    @Test
    void backFillsEachPrefixWithTheLengthOfWhatWasWritten() {
        byte[] out = new TlsWriter().prefixed16(a -> a.u8(7).prefixed8(b -> b.u16(0x0102)).prefixed24(c -> {
        })).toByteArray();
        assertArrayEquals(Bytes.fromHex("0007" + "07" + "02" + "0102" + "000000").toByteArray(), out);
    }

    @Test
    void opaqueWritesLengthThenBytes() {
        assertArrayEquals(Bytes.fromHex("020a0b00010c0000010d").toByteArray(), new TlsWriter()
                .opaque8(new byte[] {10, 11}).opaque16(new byte[] {12}).opaque24(new byte[] {13}).toByteArray());
    }

    @Test
    void growsPastItsInitialCapacity() {
        TlsWriter w = new TlsWriter(1);
        w.prefixed24(b -> b.bytes(new byte[100_000]));
        assertEquals(100_003, w.size());
        assertEquals(0x01, w.toByteArray()[0]);
        assertEquals((byte) 0x86, w.toByteArray()[1]);
        assertEquals((byte) 0xA0, w.toByteArray()[2]);
    }

    @Test
    void rejectsAnEightBitPrefixedVectorLongerThan255Bytes() {
        TlsWriter w = new TlsWriter();
        assertThrows(IllegalArgumentException.class, () -> w.prefixed8(b -> b.bytes(new byte[256])));
        assertEquals(255, new TlsWriter().prefixed8(b -> b.bytes(new byte[255])).size() - 1);
    }

    @Test
    void rejectsOversizedSixteenBitVectorsAndOpaques() {
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().prefixed16(b -> b.bytes(new byte[65536])));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().opaque8(new byte[256]));
    }

    @Test
    void whatItWritesTheReaderReadsBack() {
        byte[] out = new TlsWriter().prefixed16(a -> a.opaque8(new byte[] {1, 2}).u32(99)).toByteArray();
        TlsReader r = TlsReader.of(out).sub16();
        assertArrayEquals(new byte[] {1, 2}, r.opaque8());
        assertEquals(99, r.u32());
        r.expectEnd("test");
    }
}
