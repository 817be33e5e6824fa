package dev.xtls.message;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.wire.Bytes;
import org.junit.jupiter.api.Test;

/** CertificateStatus (RFC 6066 §8): status_type ocsp(1), then the DER OCSPResponse in a 24-bit vector. */
class CertificateStatusTest {
    @Test
    void encodesTypeThenResponse() {
        CertificateStatus s = new CertificateStatus(Bytes.of(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00}));
        assertArrayEquals(new byte[] {22, 0, 0, 9, 1, 0, 0, 5, 0x30, 0x03, 0x0a, 0x01, 0x00}, s.encode());
        assertEquals(s, CertificateStatus.decode(CodecCase.body(s)));
    }

    @Test
    void refusesAnotherStatusType() {
        assertDecodeError("status_type", () -> CertificateStatus.decode(new byte[] {2, 0, 0, 1, 0}));
    }

    @Test
    void refusesAnEmptyResponse() {
        assertDecodeError("CertificateStatus.response", () -> CertificateStatus.decode(new byte[] {1, 0, 0, 0}));
    }

    @Test
    void refusesTrailingBytes() {
        assertDecodeError("CertificateStatus", () -> CertificateStatus.decode(new byte[] {1, 0, 0, 1, 7, 0}));
    }
}
