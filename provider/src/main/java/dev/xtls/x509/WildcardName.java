package dev.xtls.x509;

/**
 * One presented DNS identifier against the host asked for, both lower-case A-labels (RFC 6125 §6.4.1). A wildcard
 * is allowed only as the left-most label or part of it, covers exactly one label, and never stands for a name with
 * a single label after it ({@code *.com}, RFC 6125 §7.2).
 */
final class WildcardName {
    private static final String A_LABEL_PREFIX = "xn--";

    private WildcardName() {
    }

    /** {@code presented} null (not a valid name) matches nothing. */
    static boolean matches(String host, String presented) {
        if (presented == null || host == null) {
            return false;
        }
        int star = presented.indexOf('*');
        if (star < 0) {
            return host.equals(presented);
        }
        int firstDot = presented.indexOf('.');
        // RFC 6125 §6.4.3 rule 1-2: one wildcard, in the left-most label, with at least two labels after it
        if (firstDot < star || presented.indexOf('*', star + 1) >= 0
                || presented.indexOf('.', firstDot + 1) < 0) {
            return false;
        }
        int hostDot = host.indexOf('.');
        if (hostDot < 0 || !host.substring(hostDot).equals(presented.substring(firstDot))) {
            return false;
        }
        String pattern = presented.substring(0, firstDot);
        String label = host.substring(0, hostDot);
        if (!pattern.equals("*") && (pattern.startsWith(A_LABEL_PREFIX) || label.startsWith(A_LABEL_PREFIX))) {
            return false; // RFC 6125 §6.4.3 rule 3: no partial wildcard within an internationalised label
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return label.length() >= prefix.length() + suffix.length() && label.startsWith(prefix)
                && label.endsWith(suffix);
    }
}
