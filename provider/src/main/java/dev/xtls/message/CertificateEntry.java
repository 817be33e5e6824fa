package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * One certificate of a TLS 1.3 Certificate message with its own extensions, e.g. status_request (RFC 8446
 * §4.4.2). cert_data is the DER certificate, or the SubjectPublicKeyInfo for raw public keys (RFC 7250); both
 * are {@code opaque &lt;1..2^24-1&gt;}.
 * <pre>
 * struct {
 *     select (certificate_type) {
 *         case RawPublicKey: opaque ASN1_subjectPublicKeyInfo&lt;1..2^24-1&gt;;
 *         case X509:         opaque cert_data&lt;1..2^24-1&gt;;
 *     };
 *     Extension extensions&lt;0..2^16-1&gt;;
 * } CertificateEntry;
 * </pre>
 */
public record CertificateEntry(Bytes certData, Extensions extensions) {
    public CertificateEntry {
        Objects.requireNonNull(certData, "certData");
        Objects.requireNonNull(extensions, "extensions");
    }

    public static CertificateEntry of(Bytes certData) {
        return new CertificateEntry(certData, Extensions.EMPTY);
    }

    static CertificateEntry decode(TlsReader r, String field) {
        Bytes certData = Vectors.opaque24(r, 1, field + ".cert_data");
        Extensions extensions = Extensions.decode(r);
        return new CertificateEntry(certData, extensions);
    }

    void encode(TlsWriter w) {
        w.prefixed24(certData::writeTo);
        extensions.encode(w);
    }
}
