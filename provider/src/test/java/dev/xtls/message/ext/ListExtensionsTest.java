package dev.xtls.message.ext;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListExtensionsTest {
    private static Bytes hex(String h) {
        return Bytes.fromHex(h);
    }

    @Test
    void rejectsAnEmptySupportedGroupsList() {
        assertDecodeError("named_group_list", () -> SupportedGroups.decode(hex("0000")));
    }

    @Test
    void rejectsAnOddLengthSupportedGroupsList() {
        assertDecodeError("named_group_list", () -> SupportedGroups.decode(hex("0003001d00")));
    }

    @Test
    void rejectsBytesAfterTheSupportedGroupsList() {
        assertDecodeError("supported_groups", () -> SupportedGroups.decode(hex("0002001d00")));
    }

    @Test
    void keepsGreaseAndUnknownGroups() {
        assertEquals(List.of(new NamedGroup(0xDADA), NamedGroup.X25519, new NamedGroup(0x4588)),
                SupportedGroups.decode(hex("0006dada001d4588")).groups());
    }

    @Test
    void rejectsAnEmptyPointFormatList() {
        assertDecodeError("ec_point_format_list", () -> EcPointFormats.decode(hex("00")));
    }

    @Test
    void tellsWhetherUncompressedIsListed() {
        assertTrue(EcPointFormats.decode(hex("03010200")).includesUncompressed());
        assertFalse(EcPointFormats.decode(hex("0101")).includesUncompressed());
        assertTrue(EcPointFormats.ONLY_UNCOMPRESSED.includesUncompressed());
    }

    // a server's cached session keeps the client's list: known codes decode to the shared constants, not copies
    @Test
    void decodesKnownSignatureSchemesToTheSharedConstants() {
        List<SignatureScheme> schemes = SignatureAlgorithms.decode(hex("000604030807fefe")).schemes();
        assertSame(SignatureScheme.ECDSA_SECP256R1_SHA256, schemes.get(0));
        assertSame(SignatureScheme.ED25519, schemes.get(1));
        assertEquals(0xFEFE, schemes.get(2).code());
    }

    @Test
    void rejectsAnEmptySignatureAlgorithmsList() {
        assertDecodeError("supported_signature_algorithms", () -> SignatureAlgorithms.decode(hex("0000")));
    }

    @Test
    void rejectsAnOddLengthSignatureAlgorithmsList() {
        assertDecodeError("supported_signature_algorithms", () -> SignatureAlgorithms.decode(hex("0003040300")));
    }

    @Test
    void writesSignatureAlgorithmsCertUnderItsOwnType() {
        SignatureAlgorithms s = new SignatureAlgorithms(List.of(SignatureScheme.ED25519));
        assertEquals(ExtensionType.SIGNATURE_ALGORITHMS_CERT,
                s.toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT).type());
        assertEquals(s.toExtension().data(), s.toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT).data());
        assertEquals(hex("00020807"), s.toExtension().data());
    }
}
