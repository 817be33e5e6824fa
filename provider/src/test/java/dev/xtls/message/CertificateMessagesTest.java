package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.MessageSamples.der;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateMessagesTest {
    @Test
    void encodesAnEmptyCertificateListAsThreeZeroBytes() {
        assertArrayEquals(new byte[3], CodecCase.body(new CertificateMessage(List.of())));
    }

    @Test
    void rejectsAnEmptyCertificateInTheList() {
        byte[] body = CodecCase.body(new CertificateMessage(List.of(der(100, 1), Bytes.EMPTY)));
        assertDecodeError("certificate_list[1]", () -> CertificateMessage.decode(body));
    }

    @Test
    void rejectsACertificateLengthOverrunningTheList() {
        TlsWriter w = new TlsWriter();
        w.prefixed24(list -> list.u24(10).bytes(new byte[9]));
        assertDecodeError("certificate_list[0]", () -> CertificateMessage.decode(w.toByteArray()));
    }

    @Test
    void rejectsBytesAfterTheCertificateList() {
        assertDecodeError("Certificate", () -> CertificateMessage.decode(new byte[] {0, 0, 0, 0}));
    }

    @Test
    void rejectsCertificateRequestWithoutCertificateTypes() {
        byte[] body = CodecCase.body(new CertificateRequest(List.of(), List.of(SignatureScheme.ED25519), List.of()));
        assertDecodeError("certificate_types", () -> CertificateRequest.decode(body));
    }

    @Test
    void rejectsCertificateRequestWithoutSignatureAlgorithms() {
        byte[] body = CodecCase.body(new CertificateRequest(List.of(CertificateRequest.RSA_SIGN), List.of(),
                List.of()));
        assertDecodeError("supported_signature_algorithms", () -> CertificateRequest.decode(body));
    }

    @Test
    void rejectsCertificateRequestWithAnEmptyDistinguishedName() {
        byte[] body = CodecCase.body(new CertificateRequest(List.of(CertificateRequest.RSA_SIGN),
                List.of(SignatureScheme.RSA_PKCS1_SHA256), List.of(der(50, 1), Bytes.EMPTY)));
        assertDecodeError("certificate_authorities[1]", () -> CertificateRequest.decode(body));
    }

    @Test
    void certificateRequestKeepsUnknownTypesAndAnswersTypeQueries() {
        CertificateRequest req = new CertificateRequest(List.of(CertificateRequest.ECDSA_SIGN, 0xEE),
                List.of(SignatureScheme.ECDSA_SECP256R1_SHA256), List.of());
        CertificateRequest decoded = CertificateRequest.decode(CodecCase.body(req));
        assertEquals(List.of(64, 0xEE), decoded.certificateTypes());
        assertTrue(decoded.allowsCertificateType(CertificateRequest.ECDSA_SIGN));
        assertFalse(decoded.allowsCertificateType(CertificateRequest.RSA_SIGN));
    }
}
