package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Certificate, TLS 1.3 form (RFC 8446 §4.4.2); the sender's certificate first. The request context is empty
 * in the main handshake and echoes the CertificateRequest's in post-handshake authentication. The TLS 1.2 form
 * is {@link CertificateMessage}.
 * <pre>
 * struct {
 *     opaque certificate_request_context&lt;0..2^8-1&gt;;
 *     CertificateEntry certificate_list&lt;0..2^24-1&gt;;
 * } Certificate;
 * </pre>
 */
public record Tls13Certificate(Bytes requestContext, List<CertificateEntry> entries) implements HandshakeMessage {
    public Tls13Certificate {
        Objects.requireNonNull(requestContext, "requestContext");
        entries = List.copyOf(entries);
    }

    public static Tls13Certificate decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Bytes context = Vectors.opaque8(r, 0, 255, "Certificate.certificate_request_context");
        TlsReader list = Vectors.sub24(r, 0, "Certificate.certificate_list");
        r.expectEnd("Certificate");
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            entries.add(CertificateEntry.decode(list, "Certificate.certificate_list[" + entries.size() + "]"));
        }
        return new Tls13Certificate(context, entries);
    }

    /** The cert_data of each entry, sender's first, as the certificate path checks want them. */
    public List<Bytes> certificates() {
        return entries.stream().map(CertificateEntry::certData).toList();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed8(requestContext::writeTo);
        w.prefixed24(list -> entries.forEach(e -> e.encode(list)));
    }
}
