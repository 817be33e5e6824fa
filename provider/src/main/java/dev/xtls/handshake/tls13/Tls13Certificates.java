package dev.xtls.handshake.tls13;

import dev.xtls.message.CertificateEntry;
import dev.xtls.message.Tls13Certificate;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertificateChains;
import java.security.cert.X509Certificate;
import java.util.List;

/** The TLS 1.3 Certificate message (RFC 8446 §4.4.2) to and from an X.509 chain. */
public final class Tls13Certificates {
    private Tls13Certificates() {
    }

    /** Our chain, each entry without extensions, in the main handshake (empty request context). */
    public static Tls13Certificate of(List<X509Certificate> chain) {
        return of(Bytes.EMPTY, chain);
    }

    /** §4.4.2: after the handshake, the context of the CertificateRequest answered. */
    public static Tls13Certificate of(Bytes requestContext, List<X509Certificate> chain) {
        return new Tls13Certificate(requestContext,
                CertificateChains.encode(chain).stream().map(CertificateEntry::of).toList());
    }

    /** The peer's chain, leaf first; empty when it sent none. Extensions of entries are ignored (§4.4.2). */
    public static List<X509Certificate> chain(Tls13Certificate certificate, String side) {
        return chain(certificate, side, Bytes.EMPTY);
    }

    /** As {@link #chain(Tls13Certificate, String)}, answering a CertificateRequest with {@code requestContext}. */
    public static List<X509Certificate> chain(Tls13Certificate certificate, String side, Bytes requestContext) {
        if (!certificate.requestContext().equals(requestContext)) {
            // §4.4.2: empty in the main handshake, the CertificateRequest's after it
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the " + side + "'s Certificate carries a"
                    + " certificate_request_context of " + certificate.requestContext().length()
                    + " bytes that is not the one requested (" + requestContext.length() + " bytes; RFC 8446"
                    + " §4.4.2)");
        }
        return certificate.entries().isEmpty() ? List.of() : CertificateChains.parse(certificate.certificates());
    }
}
