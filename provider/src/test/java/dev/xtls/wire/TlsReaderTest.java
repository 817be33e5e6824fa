package dev.xtls.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsReaderTest {
    private static TlsReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return TlsReader.of(b);
    }

    @Test
    void readsBigEndianIntegersOfEachWidth() {
        TlsReader r = reader(0xFF, 0x12, 0x34, 0xAB, 0xCD, 0xEF, 0xFF, 0xFF, 0xFF, 0xFE);
        assertEquals(0xFF, r.u8());
        assertEquals(0x1234, r.u16());
        assertEquals(0xABCDEF, r.u24());
        assertEquals(0xFFFFFFFEL, r.u32());
        assertFalse(r.hasRemaining());
    }

    @Test
    void rejectsReadsPastTheEnd() {
        assertThrows(DecodeException.class, () -> reader().u8());
        assertThrows(DecodeException.class, () -> reader(1).u16());
        assertThrows(DecodeException.class, () -> reader(1, 2).u24());
        assertThrows(DecodeException.class, () -> reader(1, 2, 3).u32());
        assertThrows(DecodeException.class, () -> reader(1, 2).bytes(3));
        assertThrows(DecodeException.class, () -> reader(1, 2).bytes(-1));
    }

    @Test
    void aFailedReadConsumesNothing() {
        TlsReader r = reader(7);
        assertThrows(DecodeException.class, r::u16);
        assertEquals(7, r.u8());
    }

    @Test
    void rejectsAnOpaqueWhoseLengthOverrunsTheInput() {
        assertThrows(DecodeException.class, () -> reader(3, 1, 2).opaque8());
        assertThrows(DecodeException.class, () -> reader(0, 3, 1, 2).opaque16());
        assertThrows(DecodeException.class, () -> reader(0, 0, 3, 1, 2).opaque24());
        assertArrayEquals(new byte[] {1, 2}, reader(0, 2, 1, 2).opaque16());
    }

    @Test
    void subReaderCannotReadPastItsVector() {
        TlsReader r = reader(2, 0xA, 0xB, 0xC);
        TlsReader sub = r.sub8();
        assertEquals(2, sub.remaining());
        assertEquals(0x0A0B, sub.u16());
        assertThrows(DecodeException.class, sub::u8);
        assertEquals(0xC, r.u8(), "the parent continues after the vector");
    }

    @Test
    void subReaderLengthMustFitTheParent() {
        assertThrows(DecodeException.class, () -> reader(0, 5, 1, 2, 3, 4).sub16());
        assertThrows(DecodeException.class, () -> reader(0, 0, 5, 1, 2, 3, 4).sub24());
        assertThrows(DecodeException.class, () -> reader(0, 1).sub8().sub8());
    }

    @Test
    void nestedSubReadersAreBoundedByTheInnermostVector() {
        TlsReader outer = reader(0, 4, 1, 9, 9, 9, 7).sub16();
        TlsReader inner = outer.sub8();
        assertEquals(9, inner.u8());
        assertThrows(DecodeException.class, inner::u8);
        assertEquals(2, outer.remaining());
    }

    @Test
    void expectEndRejectsTrailingBytesAndNamesTheStructure() {
        TlsReader r = reader(1, 2);
        r.u8();
        DecodeException e = assertThrows(DecodeException.class, () -> r.expectEnd("Widget"));
        assertTrue(e.getMessage().contains("Widget"));
        r.u8();
        r.expectEnd("Widget");
    }

    @Test
    void readerOverASliceSeesOnlyTheSlice() {
        TlsReader r = TlsReader.of(new byte[] {1, 2, 3, 4}, 1, 2);
        assertEquals(0x0203, r.u16());
        assertThrows(DecodeException.class, r::u8);
    }

    @Test
    void rejectsASliceOutsideTheArrayEvenWhenOffsetPlusLengthOverflows() {
        assertThrows(IndexOutOfBoundsException.class, () -> TlsReader.of(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> TlsReader.of(new byte[4], 2, Integer.MAX_VALUE));
        assertThrows(IndexOutOfBoundsException.class, () -> TlsReader.of(new byte[4], -1, 1));
    }

    @Test
    void decodeErrorsCarryTheDecodeErrorAlert() {
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(DecodeException.class, () -> reader().u8()).alert());
    }
}
