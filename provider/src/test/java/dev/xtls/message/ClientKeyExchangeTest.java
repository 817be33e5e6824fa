package dev.xtls.message;

import dev.xtls.wire.Bytes;
import org.junit.jupiter.api.Test;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientKeyExchangeTest {
    @Test
    void rejectsTheDeprecatedImplicitEmptyEcdhClientKeyExchange() {
        assertDecodeError("ecdh_Yc", () -> EcdhClientKeyExchange.decode(new byte[0]));
        assertDecodeError("ecdh_Yc", () -> EcdhClientKeyExchange.decode(new byte[] {0}));
    }

    @Test
    void rejectsAnEmptyDhPublicValue() {
        assertDecodeError("dh_Yc", () -> DhClientKeyExchange.decode(new byte[] {0, 0}));
    }

    @Test
    void acceptsAnEmptyRsaCiphertextSoTheHandshakeCanTreatItLikeBadPadding() {
        assertEquals(Bytes.EMPTY, RsaClientKeyExchange.decode(new byte[] {0, 0}).encryptedPreMaster());
    }

    @Test
    void rejectsRsaCiphertextWithoutItsLengthPrefix() {
        assertDecodeError("EncryptedPreMasterSecret", () -> RsaClientKeyExchange.decode(new byte[] {1, 2, 3}));
    }

    @Test
    void rejectsBytesAfterTheEcPoint() {
        assertDecodeError("ClientKeyExchange", () -> EcdhClientKeyExchange.decode(new byte[] {1, 4, 9}));
    }

    @Test
    void writesTheEcPointWithItsOneByteLength() {
        assertArrayEquals(new byte[] {2, 4, 7}, CodecCase.body(new EcdhClientKeyExchange(Bytes.of(new byte[] {4, 7}))));
    }
}
