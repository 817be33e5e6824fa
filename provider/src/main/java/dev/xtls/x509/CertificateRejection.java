package dev.xtls.x509;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Turns a trust manager's CertificateException into the alert SunJSSE would send and a message naming why, the
 * wrapped cause unwrapped (a CertificateExpiredException inside a CertPathValidatorException reads as expiry).
 */
final class CertificateRejection {
    /** Why a chain was rejected; each maps to exactly one alert. */
    enum Reason {
        EXPIRED, NOT_YET_VALID, REVOKED, UNTRUSTED_ISSUER, ALGORITHM_CONSTRAINED, KEY_USAGE, HOST_MISMATCH, OTHER
    }

    private CertificateRejection() {
    }

    static AlertDescription alertFor(Reason reason) {
        return switch (reason) {
            case EXPIRED, NOT_YET_VALID -> AlertDescription.CERTIFICATE_EXPIRED;
            case REVOKED -> AlertDescription.CERTIFICATE_REVOKED;
            case UNTRUSTED_ISSUER -> AlertDescription.UNKNOWN_CA;
            case ALGORITHM_CONSTRAINED -> AlertDescription.UNSUPPORTED_CERTIFICATE; // as SunJSSE (RFC 5246 §7.2.2)
            case KEY_USAGE, HOST_MISMATCH, OTHER -> AlertDescription.CERTIFICATE_UNKNOWN;
        };
    }

    /**
     * {@code side} is "server" or "client"; {@code nowMillis} locates the expired certificate in the chain;
     * {@code hostMismatch} is why the leaf does not name the expected host, null if it does or none is checked.
     */
    static TlsException reject(String side, List<X509Certificate> chain, Throwable failure, long nowMillis,
            String hostMismatch) {
        Reason reason = classify(failure);
        if (reason == Reason.OTHER && hostMismatch != null) {
            reason = Reason.HOST_MISMATCH;
        }
        X509Certificate leaf = chain.get(0);
        String why = switch (reason) {
            case EXPIRED, NOT_YET_VALID -> {
                X509Certificate bad = offending(chain, failure, nowMillis);
                yield ValidityExplanation.explain(who(bad, leaf), bad, reason == Reason.EXPIRED, nowMillis,
                        chain);
            }
            case REVOKED -> revoked(who(offending(chain, failure, nowMillis), leaf), failure);
            case UNTRUSTED_ISSUER -> UntrustedIssuerExplanation.explain(chain);
            case ALGORITHM_CONSTRAINED -> {
                X509Certificate bad = offending(chain, failure, nowMillis);
                yield who(bad, leaf) + " uses an algorithm the local policy refuses: "
                        + CertificateUsageExplanation.algorithms(bad)
                        + " (see jdk.certpath.disabledAlgorithms and the SSLParameters' algorithm constraints)";
            }
            case KEY_USAGE -> CertificateUsageExplanation.usage(leaf, side);
            case HOST_MISMATCH -> hostMismatch;
            case OTHER -> failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        };
        return new TlsException(alertFor(reason),
                side + " certificate " + leaf.getSubjectX500Principal().getName() + " rejected: " + why, failure);
    }

    /** The first recognised cause, outermost first (SunJSSE wraps the CertPath exception in its own). */
    static Reason classify(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof CertificateExpiredException) {
                return Reason.EXPIRED;
            }
            if (t instanceof CertificateNotYetValidException) {
                return Reason.NOT_YET_VALID;
            }
            if (t instanceof CertificateRevokedException) {
                return Reason.REVOKED;
            }
            if (t instanceof CertPathValidatorException v) {
                CertPathValidatorException.Reason r = v.getReason();
                if (r == BasicReason.EXPIRED) {
                    return Reason.EXPIRED;
                }
                if (r == BasicReason.NOT_YET_VALID) {
                    return Reason.NOT_YET_VALID;
                }
                if (r == BasicReason.REVOKED) {
                    return Reason.REVOKED;
                }
                if (r == BasicReason.ALGORITHM_CONSTRAINED) {
                    return Reason.ALGORITHM_CONSTRAINED;
                }
                if (r == PKIXReason.NO_TRUST_ANCHOR) {
                    return Reason.UNTRUSTED_ISSUER;
                }
                if (r == PKIXReason.INVALID_KEY_USAGE) {
                    return Reason.KEY_USAGE;
                }
            }
            if (t instanceof CertPathBuilderException) {
                return Reason.UNTRUSTED_ISSUER;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("trust anchor")) {
                return Reason.UNTRUSTED_ISSUER;
            }
            if (message.contains("key usage") || message.contains("keyusage")) {
                return Reason.KEY_USAGE; // SunJSSE's ValidatorException carries no reason, only these words
            }
        }
        return Reason.OTHER;
    }

    private static String who(X509Certificate bad, X509Certificate leaf) {
        return bad == leaf ? "certificate" : "issuer certificate " + bad.getSubjectX500Principal().getName();
    }

    /** When and why, if the revocation check said (RFC 5280 §5.3.1); the same words for a CRL or OCSP source. */
    private static String revoked(String who, Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof CertificateRevokedException r) {
                return who + " revoked on " + r.getRevocationDate().toInstant() + " (reason "
                        + r.getRevocationReason() + "), as the revocation check reports";
            }
        }
        return who + " revoked, as the revocation check reports";
    }

    /** The certificate the validator pointed at, else the first one not valid now, else the leaf. */
    private static X509Certificate offending(List<X509Certificate> chain, Throwable failure, long nowMillis) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof CertPathValidatorException v && v.getCertPath() != null && v.getIndex() >= 0) {
                CertPath path = v.getCertPath();
                List<? extends Certificate> certs = path.getCertificates();
                if (v.getIndex() < certs.size() && certs.get(v.getIndex()) instanceof X509Certificate x) {
                    return x;
                }
            }
        }
        Date now = new Date(nowMillis);
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(now);
            } catch (CertificateException e) {
                return c;
            }
        }
        return chain.get(0);
    }
}
