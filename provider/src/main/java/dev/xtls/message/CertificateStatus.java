package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;
import java.util.Objects;

/**
 * CertificateStatus (RFC 6066 §8): the DER OCSPResponse a server staples. TLS 1.2 sends it as a handshake message
 * after Certificate; TLS 1.3 puts the same body in the status_request extension of the leaf's CertificateEntry
 * (RFC 8446 §4.4.2.1).
 * <pre>
 * struct {
 *     CertificateStatusType status_type;   // ocsp(1)
 *     select (status_type) { case ocsp: OCSPResponse response; } response;
 * } CertificateStatus;
 * opaque OCSPResponse&lt;1..2^24-1&gt;;
 * </pre>
 */
public record CertificateStatus(Bytes ocspResponse) implements HandshakeMessage {
    public static final int OCSP = 1;

    public CertificateStatus {
        Objects.requireNonNull(ocspResponse, "ocspResponse");
    }

    public static CertificateStatus decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        int type = Vectors.u8(r, "CertificateStatus.status_type");
        if (type != OCSP) {
            throw new DecodeException("CertificateStatus: status_type " + type + " is not ocsp(1) (RFC 6066 §8)");
        }
        Bytes response = Vectors.opaque24(r, 1, "CertificateStatus.response");
        r.expectEnd("CertificateStatus");
        return new CertificateStatus(response);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u8(OCSP);
        w.prefixed24(ocspResponse::writeTo);
    }
}
