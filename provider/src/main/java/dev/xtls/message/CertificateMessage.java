package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Certificate, TLS 1.2 form (RFC 5246 §7.4.2); the sender's certificate first. A client without a suitable
 * certificate sends an empty list (§7.4.6).
 * <pre>
 * opaque ASN.1Cert&lt;1..2^24-1&gt;;
 * struct {
 *     ASN.1Cert certificate_list&lt;0..2^24-1&gt;;
 * } Certificate;
 * </pre>
 */
public record CertificateMessage(List<Bytes> certificates) implements HandshakeMessage {
    public CertificateMessage {
        certificates = List.copyOf(certificates);
    }

    public static CertificateMessage decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        TlsReader list = Vectors.sub24(r, 0, "Certificate.certificate_list");
        r.expectEnd("Certificate");
        List<Bytes> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            certs.add(Vectors.opaque24(list, 1, "Certificate.certificate_list[" + certs.size() + "]"));
        }
        return new CertificateMessage(certs);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed24(list -> certificates.forEach(c -> list.prefixed24(c::writeTo)));
    }
}
