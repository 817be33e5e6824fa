package dev.xtls.message;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.MessageSamples.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerKeyExchangeTest {
    private static final EcdheServerKeyExchange ECDHE = new EcdheServerKeyExchange(NamedGroup.X25519,
            bytes(32, 1), SignatureScheme.ECDSA_SECP256R1_SHA256, bytes(70, 2));
    private static final DheServerKeyExchange DHE = new DheServerKeyExchange(bytes(256, 3),
            Bytes.of(new byte[] {2}), bytes(256, 4), SignatureScheme.RSA_PSS_RSAE_SHA256, bytes(256, 5));

    @Test
    void ecdheParamsAreCurveTypeGroupAndPointAsSigned() {
        byte[] params = ECDHE.encodeParams();
        assertEquals(1 + 2 + 1 + 32, params.length);
        assertArrayEquals(new byte[] {3, 0, 29, 32}, Arrays.copyOf(params, 4));
        byte[] body = CodecCase.body(ECDHE);
        assertArrayEquals(params, Arrays.copyOf(body, params.length));
    }

    @Test
    void dheParamsArePGAndYsAsSigned() {
        byte[] params = DHE.encodeParams();
        assertEquals(3 * 2 + 256 + 1 + 256, params.length);
        assertArrayEquals(params, Arrays.copyOf(CodecCase.body(DHE), params.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void rejectsExplicitCurvesWithIllegalParameter(int curveType) {
        byte[] body = CodecCase.body(ECDHE);
        body[0] = (byte) curveType;
        TlsException e = assertThrows(TlsException.class, () -> EcdheServerKeyExchange.decode(body));
        assertFalse(e instanceof DecodeException);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void rejectsAnUnknownCurveTypeWithIllegalParameter() {
        byte[] body = CodecCase.body(ECDHE);
        body[0] = (byte) 0xF8;
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                assertThrows(TlsException.class, () -> EcdheServerKeyExchange.decode(body)).alert());
    }

    @Test
    void rejectsAnEmptyEcPoint() {
        byte[] body = CodecCase.body(new EcdheServerKeyExchange(NamedGroup.SECP256R1, Bytes.EMPTY,
                SignatureScheme.ECDSA_SECP256R1_SHA256, bytes(70, 2)));
        assertDecodeError("ServerECDHParams.public", () -> EcdheServerKeyExchange.decode(body));
    }

    @Test
    void keepsAnUnknownGroupForTheHandshakeToRefuse() {
        EcdheServerKeyExchange ske = new EcdheServerKeyExchange(new NamedGroup(0x6A6A), bytes(40, 1),
                new SignatureScheme(0x0A0A), Bytes.EMPTY);
        assertEquals(ske, EcdheServerKeyExchange.decode(CodecCase.body(ske)));
    }

    @Test
    void rejectsEmptyDhGenerator() {
        byte[] body = CodecCase.body(new DheServerKeyExchange(bytes(256, 3), Bytes.EMPTY, bytes(256, 4),
                SignatureScheme.RSA_PSS_RSAE_SHA256, bytes(256, 5)));
        assertDecodeError("dh_g", () -> DheServerKeyExchange.decode(body));
    }

    @Test
    void rejectsASignatureThatOverrunsTheMessage() {
        TlsWriter w = new TlsWriter();
        w.bytes(ECDHE.encodeParams()).u16(0x0403).u16(100).bytes(new byte[99]);
        assertDecodeError("ServerKeyExchange.signature", () -> EcdheServerKeyExchange.decode(w.toByteArray()));
    }

    @Test
    void rejectsBytesAfterTheSignature() {
        byte[] valid = CodecCase.body(DHE);
        assertDecodeError("ServerKeyExchange", () -> DheServerKeyExchange.decode(
                Arrays.copyOf(valid, valid.length + 1)));
    }
}
