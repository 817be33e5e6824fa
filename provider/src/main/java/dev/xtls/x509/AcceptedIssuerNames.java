package dev.xtls.x509;

import dev.xtls.wire.Bytes;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The DER names of a trust manager's accepted issuers, for the CertificateRequest's certificate_authorities
 * (RFC 5246 §7.4.4, RFC 8446 §4.2.4), encoded once per set of issuers. The manager is still asked on every
 * handshake, as SunJSSE does, since its issuers may change; only a change re-encodes. One per context; thread-safe.
 */
public final class AcceptedIssuerNames {
    private static final X509Certificate[] NONE = new X509Certificate[0];

    /** The issuers last seen (a private copy) and their names. */
    private record Encoded(X509Certificate[] issuers, List<Bytes> names) {
    }

    private volatile Encoded last = new Encoded(NONE, List.of());

    /** The subject names of {@code issuers} (null: none), in their order. */
    public List<Bytes> of(X509Certificate[] issuers) {
        X509Certificate[] current = issuers == null ? NONE : issuers;
        Encoded cached = last;
        if (sameCertificates(cached.issuers(), current)) {
            return cached.names();
        }
        List<Bytes> names = new ArrayList<>(current.length);
        for (X509Certificate c : current) {
            names.add(Bytes.wrap(c.getSubjectX500Principal().getEncoded()));
        }
        Encoded fresh = new Encoded(current.clone(), List.copyOf(names));
        last = fresh;
        return fresh.names();
    }

    /** Managers return a fresh array of the same certificate objects: identity first, equality (DER) otherwise. */
    private static boolean sameCertificates(X509Certificate[] a, X509Certificate[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !Objects.equals(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }
}
