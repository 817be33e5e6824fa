package dev.xtls.message.ext;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import org.junit.jupiter.api.Test;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449 §4) on the wire. */
class RecordSizeExtensionsTest {
    @Test
    void maxFragmentLengthCodesAreTwoToTheNinePlusCode() {
        for (int code = 1; code <= 4; code++) {
            MaxFragmentLength mfl = MaxFragmentLength.decode(Bytes.wrap(new byte[] {(byte) code}));
            assertEquals(1 << (8 + code), mfl.length());
            assertEquals(Bytes.wrap(new byte[] {(byte) code}), mfl.toExtension().data());
            assertEquals(ExtensionType.MAX_FRAGMENT_LENGTH, mfl.toExtension().type());
        }
    }

    @Test
    void maxFragmentLengthOutsideOneToFourIsIllegalParameter() {
        for (int code : new int[] {0, 5, 255}) {
            TlsException e = assertThrows(TlsException.class,
                    () -> MaxFragmentLength.decode(Bytes.wrap(new byte[] {(byte) code})));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
            assertTrue(e.getMessage().contains("RFC 6066 §4"), e.getMessage());
        }
    }

    @Test
    void maxFragmentLengthIsExactlyOneByte() {
        assertDecodeError("max_fragment_length", () -> MaxFragmentLength.decode(Bytes.EMPTY));
        assertDecodeError("max_fragment_length", () -> MaxFragmentLength.decode(Bytes.fromHex("0101")));
    }

    @Test
    void packetSizeGivesTheCodeSunJsseAsksFor() {
        // SunJSSE: packet size less 325 bytes, rounded down to a code; none at 2^13 or more
        assertEquals(1, MaxFragmentLength.forPacketSize(1024).orElseThrow().code());
        assertEquals(2, MaxFragmentLength.forPacketSize(1024 + 325).orElseThrow().code());
        assertEquals(3, MaxFragmentLength.forPacketSize(2048 + 325).orElseThrow().code());
        assertEquals(4, MaxFragmentLength.forPacketSize(8191 + 325).orElseThrow().code());
        assertTrue(MaxFragmentLength.forPacketSize(8192 + 325).isEmpty());
        assertTrue(MaxFragmentLength.forPacketSize(0).isEmpty());
    }

    @Test
    void recordSizeLimitIsAUint16() {
        RecordSizeLimit rsl = RecordSizeLimit.decode(Bytes.fromHex("4001"));
        assertEquals(16385, rsl.limit());
        assertEquals(Bytes.fromHex("4001"), rsl.toExtension().data());
        assertEquals(ExtensionType.RECORD_SIZE_LIMIT, rsl.toExtension().type());
        assertEquals(64, RecordSizeLimit.decode(Bytes.fromHex("0040")).limit());
    }

    @Test
    void recordSizeLimitBelowSixtyFourIsIllegalParameter() {
        TlsException e = assertThrows(TlsException.class, () -> RecordSizeLimit.decode(Bytes.fromHex("003f")));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("RFC 8449 §4"), e.getMessage());
    }

    @Test
    void recordSizeLimitIsExactlyTwoBytes() {
        assertDecodeError("record_size_limit", () -> RecordSizeLimit.decode(Bytes.fromHex("40")));
        assertDecodeError("record_size_limit", () -> RecordSizeLimit.decode(Bytes.fromHex("400000")));
    }
}
