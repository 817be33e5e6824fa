package dev.xtls.x509;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Why a certificate is outside its validity period (RFC 5280 §4.1.2.5), with the local clock, and a hint to check
 * the clock when it is the likely culprit: a certificate that becomes valid within {@link #FRESH} was most likely
 * issued just now, by a CA whose clock is right, and this machine's clock is behind; when every certificate of a
 * chain of several has expired, this machine's clock is more likely ahead than all of them left unrenewed.
 */
final class ValidityExplanation {
    /** A not-yet-valid certificate starting within this much of now looks freshly issued. */
    static final Duration FRESH = Duration.ofDays(7);

    private ValidityExplanation() {
    }

    /** {@code who}: "certificate" or "issuer certificate DN"; times in UTC, ISO-8601, to the second. */
    static String explain(String who, X509Certificate bad, boolean expired, long nowMillis,
            List<X509Certificate> chain) {
        Instant now = Instant.ofEpochMilli(nowMillis).truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = bad.getNotBefore().toInstant();
        Instant notAfter = bad.getNotAfter().toInstant();
        String window = ": valid from " + notBefore + " to " + notAfter + ", local clock " + now;
        if (expired) {
            boolean allExpired = chain.size() > 1 && chain.stream().allMatch(c -> c.getNotAfter().toInstant()
                    .isBefore(now));
            return who + " expired on " + notAfter + window + (allExpired ? "; every certificate in the chain has"
                    + " expired, which suggests this machine's clock is ahead: check the system clock" : "");
        }
        String text = who + " is not valid before " + notBefore + window;
        if (notBefore.isAfter(now) && Duration.between(now, notBefore).compareTo(FRESH) < 0) {
            text += "; it becomes valid within " + FRESH.toDays() + " days, as a freshly issued certificate does"
                    + " when this machine's clock is behind: check the system clock";
        }
        return text;
    }
}
