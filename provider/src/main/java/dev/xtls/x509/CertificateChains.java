package dev.xtls.x509;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** DER certificate lists to and from X509Certificate objects. */
public final class CertificateChains {
    private CertificateChains() {
    }

    /** Parses a received certificate_list; an unparseable entry is a bad_certificate (RFC 5246 §7.2.2). */
    public static List<X509Certificate> parse(List<Bytes> encoded) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>(encoded.size());
            for (int i = 0; i < encoded.size(); i++) {
                try {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(encoded.get(i).toByteArray())));
                } catch (CertificateException | ClassCastException e) {
                    throw new TlsException(AlertDescription.BAD_CERTIFICATE,
                            "certificate " + i + " of the peer's chain does not parse: " + e.getMessage(), e);
                }
            }
            return chain;
        } catch (CertificateException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "no X.509 certificate factory", e);
        }
    }

    public static List<Bytes> encode(List<X509Certificate> chain) {
        List<Bytes> out = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            try {
                out.add(Bytes.wrap(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new TlsException(AlertDescription.INTERNAL_ERROR,
                        "cannot encode our certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return out;
    }
}
