package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

/**
 * status_request in a ClientHello (RFC 6066 §8). This client asks for OCSP without naming responders or request
 * extensions; a server reads only whether OCSP is asked for. Other status types are ignored, as §8 allows.
 * <pre>
 * struct {
 *     CertificateStatusType status_type;
 *     select (status_type) { case ocsp: OCSPStatusRequest; } request;
 * } CertificateStatusRequest;
 * struct { ResponderID responder_id_list&lt;0..2^16-1&gt;; Extensions request_extensions; } OCSPStatusRequest;
 * </pre>
 */
public record StatusRequest(boolean ocsp) {
    private static final int OCSP = 1;

    /** What this client sends: OCSP, any responder, no request extensions. */
    public static Extension ocspRequest() {
        TlsWriter w = new TlsWriter();
        w.u8(OCSP);
        w.u16(0);
        w.u16(0);
        return new Extension(ExtensionType.STATUS_REQUEST, Bytes.wrap(w.toByteArray()));
    }

    /** The ServerHello's acknowledgement: empty extension_data (RFC 6066 §8). */
    public static Extension serverAck() {
        return EmptyExtension.of(ExtensionType.STATUS_REQUEST);
    }

    public static StatusRequest decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        int type = Vectors.u8(r, "status_request.status_type");
        if (type != OCSP) {
            return new StatusRequest(false); // an unknown type's body has no known form
        }
        Vectors.opaque16(r, 0, "status_request.responder_id_list");
        Vectors.opaque16(r, 0, "status_request.request_extensions");
        r.expectEnd("status_request");
        return new StatusRequest(true);
    }
}
