package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * CertificateRequest, TLS 1.3 form (RFC 8446 §4.3.2). signature_algorithms must be among the extensions; the
 * handshake checks that (missing_extension). The TLS 1.2 form is {@link CertificateRequest}.
 * <pre>
 * struct {
 *     opaque certificate_request_context&lt;0..2^8-1&gt;;
 *     Extension extensions&lt;2..2^16-1&gt;;
 * } CertificateRequest;
 * </pre>
 */
public record Tls13CertificateRequest(Bytes requestContext, Extensions extensions) implements HandshakeMessage {
    public Tls13CertificateRequest {
        Objects.requireNonNull(requestContext, "requestContext");
        Objects.requireNonNull(extensions, "extensions");
    }

    public static Tls13CertificateRequest decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Bytes context = Vectors.opaque8(r, 0, 255, "CertificateRequest.certificate_request_context");
        Extensions extensions = Extensions.decode(r);
        r.expectEnd("CertificateRequest");
        if (extensions.isEmpty()) {
            // extensions<2..2^16-1>: at least one extension
            throw new DecodeException("CertificateRequest.extensions: empty, but at least one is required");
        }
        return new Tls13CertificateRequest(context, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed8(requestContext::writeTo);
        extensions.encode(w);
    }
}
