package dev.xtls.message.ext;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OtherExtensionsTest {
    private static Bytes hex(String h) {
        return Bytes.fromHex(h);
    }

    @Test
    void alpnNamesRoundTripAsArbitraryBytes() {
        Bytes data = hex("0007" + "02ff00" + "0300807f");
        AlpnProtocols alpn = AlpnProtocols.decode(data);
        assertEquals(List.of("\u00ff\u0000", "\u0000\u0080\u007f"), alpn.protocols());
        assertEquals(data, alpn.toExtension().data());
    }

    @Test
    void rejectsAnEmptyAlpnProtocolName() {
        assertDecodeError("protocol_name_list[1]", () -> AlpnProtocols.decode(hex("0004" + "026832" + "00")));
    }

    @Test
    void rejectsAnEmptyAlpnList() {
        assertDecodeError("protocol_name_list", () -> AlpnProtocols.decode(hex("0000")));
    }

    @Test
    void rejectsAnAlpnNameOverrunningTheList() {
        assertDecodeError("protocol_name_list[0]", () -> AlpnProtocols.decode(hex("0003" + "056832")));
    }

    @Test
    void refusesAlpnNamesThatAreNotByteStrings() {
        assertThrows(IllegalArgumentException.class, () -> AlpnProtocols.of("h\u0100"));
    }

    @Test
    void initialRenegotiationInfoIsASingleZeroByte() {
        assertEquals(hex("00"), RenegotiationInfo.INITIAL.toExtension().data());
        assertEquals(ExtensionType.RENEGOTIATION_INFO, RenegotiationInfo.INITIAL.toExtension().type());
    }

    @Test
    void rejectsRenegotiationInfoWithoutItsLengthOrWithTrailingBytes() {
        assertDecodeError("renegotiated_connection", () -> RenegotiationInfo.decode(Bytes.EMPTY));
        assertDecodeError("renegotiation_info", () -> RenegotiationInfo.decode(hex("0000")));
        assertDecodeError("renegotiated_connection", () -> RenegotiationInfo.decode(hex("0c0102")));
    }

    @Test
    void emptyMarkersEncodeAsTypeWithNoData() {
        assertEquals(Bytes.EMPTY, ExtendedMasterSecret.extension().data());
        assertEquals(ExtensionType.EXTENDED_MASTER_SECRET, ExtendedMasterSecret.INSTANCE.toExtension().type());
        assertEquals(Bytes.EMPTY, EncryptThenMac.extension().data());
        assertEquals(ExtensionType.ENCRYPT_THEN_MAC, EncryptThenMac.INSTANCE.toExtension().type());
    }

    @Test
    void rejectsEmptyMarkersCarryingData() {
        assertDecodeError("extended_master_secret", () -> ExtendedMasterSecret.decode(hex("00")));
        assertDecodeError("encrypt_then_mac", () -> EncryptThenMac.decode(hex("0000")));
        assertDecodeError("status_request", () -> EmptyExtension.checkEmpty(hex("01"), ExtensionType.STATUS_REQUEST));
    }

    @Test
    void sessionTicketDataIsTheTicketItself() {
        Bytes ticket = hex("00010203");
        assertEquals(ticket, new SessionTicketExtension(ticket).toExtension().data());
        assertEquals(new SessionTicketExtension(ticket), SessionTicketExtension.decode(ticket));
    }
}
