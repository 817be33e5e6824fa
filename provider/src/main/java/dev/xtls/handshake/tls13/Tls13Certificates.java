package dev.xtls.handshake.tls13;

import dev.xtls.message.CertificateEntry;
import dev.xtls.message.CertificateStatus;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.Tls13Certificate;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import dev.xtls.wire.TlsWriter;
import dev.xtls.x509.CertificateChains;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** Our chain with {@code ocspResponse} stapled to the leaf's entry (§4.4.2.1, RFC 6066 §8). */
    public static Tls13Certificate stapled(List<X509Certificate> chain, Bytes ocspResponse) {
        List<CertificateEntry> entries = new ArrayList<>(of(chain).entries());
        TlsWriter body = new TlsWriter();
        new CertificateStatus(ocspResponse).encodeBody(body);
        Extension status = new Extension(ExtensionType.STATUS_REQUEST, Bytes.wrap(body.toByteArray()));
        entries.set(0, new CertificateEntry(entries.get(0).certData(), new Extensions(List.of(status))));
        return new Tls13Certificate(Bytes.EMPTY, entries);
    }

    /**
     * §4.4.2.1: the OCSP response in the leaf's status_request extension, as a one-element list; empty without
     * one. A status_request the client did not ask for is refused (§4.4.2).
     */
    public static List<Bytes> stapledResponses(Tls13Certificate certificate, boolean requested) {
        List<Bytes> out = new ArrayList<>();
        for (int i = 0; i < certificate.entries().size(); i++) {
            Optional<Extension> status = certificate.entries().get(i).extensions().find(ExtensionType.STATUS_REQUEST);
            if (status.isEmpty()) {
                continue;
            }
            if (!requested) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "the server's Certificate carries"
                        + " status_request, which the client did not send (RFC 8446 §4.4.2)");
            }
            if (i == 0) {
                out.add(CertificateStatus.decode(status.get().data().toByteArray()).ocspResponse());
            }
        }
        return List.copyOf(out);
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
