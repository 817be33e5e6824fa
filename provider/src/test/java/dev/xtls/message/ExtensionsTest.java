package dev.xtls.message;

import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.DecodeAssertions.assertIllegalParameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionsTest {
    private static final Extension UNKNOWN = new Extension(new ExtensionType(0xABCD), Bytes.of(new byte[] {9}));

    private static byte[] encode(Extensions e) {
        TlsWriter w = new TlsWriter();
        e.encode(w);
        return w.toByteArray();
    }

    @Test
    void writesTheBlockLengthThenEachTypeAndData() {
        byte[] wire = encode(Extensions.of(ExtendedMasterSecret.extension(), UNKNOWN));
        assertArrayEquals(new byte[] {0, 9, 0, 23, 0, 0, (byte) 0xAB, (byte) 0xCD, 0, 1, 9}, wire);
    }

    @Test
    void findsExtensionsByTypeAndKeepsWireOrder() {
        Extensions e = Extensions.decode(TlsReader.of(encode(Extensions.of(UNKNOWN, EncryptThenMac.extension()))));
        assertEquals(List.of(new ExtensionType(0xABCD), ExtensionType.ENCRYPT_THEN_MAC), e.types());
        assertEquals(UNKNOWN, e.find(new ExtensionType(0xABCD)).orElseThrow());
        assertTrue(e.has(ExtensionType.ENCRYPT_THEN_MAC));
        assertFalse(e.has(ExtensionType.SERVER_NAME));
        assertTrue(e.find(ExtensionType.SERVER_NAME).isEmpty());
    }

    @Test
    void readsOnlyItsOwnBlockFromALongerReader() {
        byte[] block = encode(Extensions.of(UNKNOWN));
        byte[] withMore = Arrays.copyOf(block, block.length + 2);
        TlsReader r = TlsReader.of(withMore);
        assertEquals(Extensions.of(UNKNOWN), Extensions.decode(r));
        assertEquals(2, r.remaining());
    }

    @Test
    void rejectsDuplicateExtensionTypesNamingTheType() {
        byte[] wire = encode(Extensions.of(EncryptThenMac.extension(), UNKNOWN, EncryptThenMac.extension()));
        assertIllegalParameter("duplicate encrypt_then_mac", () -> Extensions.decode(TlsReader.of(wire)));
    }

    @Test
    void rejectsAnExtensionHeaderCutShort() {
        assertDecodeError("extension_type", () -> Extensions.decode(TlsReader.of(new byte[] {0, 1, 0})));
        assertDecodeError("extension_data", () -> Extensions.decode(TlsReader.of(new byte[] {0, 3, 0, 23, 0})));
    }

    @Test
    void emptyIsEmpty() {
        assertTrue(Extensions.EMPTY.isEmpty());
        assertEquals(Extensions.EMPTY, Extensions.of());
        assertArrayEquals(new byte[] {0, 0}, encode(Extensions.EMPTY));
    }
}
