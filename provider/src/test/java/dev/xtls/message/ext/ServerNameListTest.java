package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.DecodeAssertions.assertIllegalParameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerNameListTest {
    private static Bytes list(int type1, byte[] name1, int type2, byte[] name2) {
        TlsWriter w = new TlsWriter();
        w.prefixed16(l -> l.u8(type1).opaque16(name1).u8(type2).opaque16(name2));
        return Bytes.wrap(w.toByteArray());
    }

    @Test
    void encodesAHostNameAsListLengthTypeAndName() {
        Bytes data = ServerNameList.ofHostNames(List.of("a.io")).toExtension().data();
        assertArrayEquals(new byte[] {0, 7, 0, 0, 4, 'a', '.', 'i', 'o'}, data.toByteArray());
    }

    @Test
    void rejectsTwoNamesOfTheSameType() {
        Bytes data = list(0, "a.example".getBytes(), 0, "b.example".getBytes());
        assertIllegalParameter("name_type 0", () -> ServerNameList.decode(data));
    }

    @Test
    void acceptsNamesOfDifferentTypesAndListsOnlyHostNames() {
        ServerNameList l = ServerNameList.decode(list(0, "a.example".getBytes(), 9, new byte[] {(byte) 0xFF}));
        assertEquals(List.of("a.example"), l.hostNames());
        assertEquals(2, l.names().size());
    }

    @Test
    void rejectsAnEmptyClientServerNameList() {
        assertDecodeError("server_name_list", () -> ServerNameList.decode(Bytes.of(new byte[] {0, 0})));
        assertDecodeError("server_name_list", () -> ServerNameList.decode(Bytes.EMPTY));
    }

    @Test
    void rejectsAnEmptyHostName() {
        TlsWriter w = new TlsWriter();
        w.prefixed16(l -> l.u8(0).u16(0));
        assertIllegalParameter("host_name is empty", () -> ServerNameList.decode(Bytes.wrap(w.toByteArray())));
    }

    @Test
    void rejectsHostNamesWithNulControlOrEightBitBytes() {
        Bytes nul = list(0, "evil.com\0.example".getBytes(), 1, new byte[] {1});
        assertIllegalParameter("host_name", () -> ServerNameList.decode(nul));
        Bytes utf8 = list(0, "bücher.example".getBytes(StandardCharsets.UTF_8), 1, new byte[] {1});
        assertIllegalParameter("host_name", () -> ServerNameList.decode(utf8));
        Bytes tab = list(0, "a\tb.example".getBytes(StandardCharsets.US_ASCII), 1, new byte[] {1});
        assertIllegalParameter("0x09", () -> ServerNameList.decode(tab));
    }

    @Test
    void serverAckIsEmptyExtensionData() {
        assertEquals(new Extension(ExtensionType.SERVER_NAME, Bytes.EMPTY), ServerNameList.serverAck());
        assertEquals(ServerNameList.serverAck(), ServerNameList.SERVER_ACK.toExtension());
        assertTrue(ServerNameList.checkServerAck(Bytes.EMPTY).isServerAck());
        assertDecodeError("server_name", () -> ServerNameList.checkServerAck(Bytes.of(new byte[] {0})));
    }

    @Test
    void refusesToBuildNonAsciiOrEmptyHostNames() {
        assertThrows(IllegalArgumentException.class, () -> ServerName.hostName("bücher.example"));
        assertThrows(IllegalArgumentException.class, () -> ServerName.hostName(""));
    }
}
