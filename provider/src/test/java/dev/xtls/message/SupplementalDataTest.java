package dev.xtls.message;

import dev.xtls.message.ext.UserMappingTypeList;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte-exact encodings of the RFC 4680 §2 and RFC 4681 §2, §3, §6 structures, built by hand from the structs. */
class SupplementalDataTest {
    private static Bytes hex(String h) {
        return Bytes.fromHex(h.replace(" ", ""));
    }

    /** UpnDomainHint { opaque user_principal_name<0..2^16-1>; opaque domain_name<0..2^16-1>; } */
    private static final String UPN_HINT = "0008 6140622e6578616d" + "0005 622e657861";

    @Test
    void upnDomainHintIsTwoOpaque16Names() {
        UpnDomainHint hint = new UpnDomainHint("a@b.exam", "b.exa");
        assertEquals(hex(UPN_HINT), hint.encode());
        assertEquals(hint, UpnDomainHint.decode(hex(UPN_HINT)));
    }

    @Test
    void upnDomainHintMayLeaveOneNameEmpty() {
        assertEquals(hex("0000 0003 612e62"), new UpnDomainHint("", "a.b").encode());
        assertEquals(new UpnDomainHint("x@y", ""), UpnDomainHint.decode(hex("0003 784079 0000")));
    }

    @Test
    void rejectsAnUpnDomainHintWithBothNamesEmpty() {
        assertDecodeError("UpnDomainHint", () -> UpnDomainHint.decode(hex("0000 0000")));
        assertThrows(IllegalArgumentException.class, () -> new UpnDomainHint("", ""));
    }

    @Test
    void rejectsAnUpnDomainHintThatIsNotUtf8() {
        assertDecodeError("user_principal_name", () -> UpnDomainHint.decode(hex("0002 c328 0000")));
    }

    @Test
    void userMappingDataListWrapsEachHintInTypeAndUint16Length() {
        // UserMappingData { UserMappingType(uint8) user_mapping_version; uint16 user_mapping_length; ... }
        // UserMappingDataList { UserMappingData user_mapping_data_list<1..2^16-1>; }
        String list = "0014" + "40 0011 " + UPN_HINT;
        UserMappingDataList decoded = UserMappingDataList.decode(hex(list));
        assertEquals(List.of(new UserMappingData(64, hex(UPN_HINT))), decoded.hints());
        assertEquals(hex(list), new UserMappingDataList(List.of(
                new UpnDomainHint("a@b.exam", "b.exa").toUserMappingData())).encode());
    }

    @Test
    void rejectsAnEmptyUserMappingDataList() {
        assertDecodeError("user_mapping_data_list", () -> UserMappingDataList.decode(hex("0000")));
    }

    @Test
    void supplementalDataIsAUint24ListOfTypeLengthEntries() {
        // SupplementalData { SupplementalDataEntry supp_data<1..2^24-1>; }
        // SupplementalDataEntry { uint16 supp_data_type; uint16 supp_data_length; data }
        String userMapping = "0014 40 0011 " + UPN_HINT;
        String body = "000020" + "0000 0016 " + userMapping + "ff00 0002 abcd";
        SupplementalData message = new SupplementalData(List.of(
                new SupplementalDataEntry(SupplementalDataEntry.USER_MAPPING_DATA, hex(userMapping)),
                new SupplementalDataEntry(0xFF00, hex("abcd"))));
        assertArrayEquals(hex("17 000023 " + body).toByteArray(), message.encode());
        assertEquals(message, SupplementalData.decode(hex(body).toByteArray()));
    }

    @Test
    void rejectsAnEmptySupplementalData() {
        assertDecodeError("supp_data", () -> SupplementalData.decode(hex("000000").toByteArray()));
        assertThrows(IllegalArgumentException.class, () -> new SupplementalData(List.of()));
    }

    @Test
    void rejectsASupplementalDataTypeListedTwice() {
        assertDecodeError("twice", () -> SupplementalData.decode(hex("000008 0007 0000 0007 0000").toByteArray()));
    }

    @Test
    void rejectsTrailingBytesAfterSupplementalData() {
        assertDecodeError("SupplementalData", () -> SupplementalData.decode(hex("000004 0007 0000 00").toByteArray()));
    }

    @Test
    void userMappingExtensionIsAUint8ListOfOneByteTypes() {
        // enum { user_mapping(6) } ExtensionType; UserMappingTypeList { UserMappingType user_mapping_types<1..2^8-1>; }
        Extension e = UserMappingTypeList.of(64).toExtension();
        assertEquals(ExtensionType.USER_MAPPING, e.type());
        assertEquals(6, e.type().code());
        assertEquals(hex("01 40"), e.data());
        assertEquals(List.of(64, 7), UserMappingTypeList.decode(hex("02 40 07")).types());
    }

    @Test
    void rejectsAnEmptyUserMappingTypeList() {
        assertDecodeError("user_mapping_types", () -> UserMappingTypeList.decode(hex("00")));
        assertDecodeError("user_mapping", () -> UserMappingTypeList.decode(hex("01 40 00")));
    }
}
