package dev.xtls.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BytesTest {
    @Test
    void comparesByContent() {
        assertEquals(Bytes.of(new byte[] {1, 2}), Bytes.fromHex("0102"));
        assertEquals(Bytes.of(new byte[] {1, 2}).hashCode(), Bytes.fromHex("01 02").hashCode());
        assertNotEquals(Bytes.fromHex("0102"), Bytes.fromHex("010200"));
    }

    @Test
    void ofCopiesTheCallersArrayAndToByteArrayCopiesOut() {
        byte[] b = {1};
        Bytes bytes = Bytes.of(b);
        b[0] = 2;
        bytes.toByteArray()[0] = 3;
        assertEquals(1, bytes.get(0));
    }

    @Test
    void emptyInputGivesTheSharedEmptyValue() {
        assertSame(Bytes.EMPTY, Bytes.of(new byte[0]));
        assertSame(Bytes.EMPTY, Bytes.wrap(new byte[0]));
    }
}
