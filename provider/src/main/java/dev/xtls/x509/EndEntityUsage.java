package dev.xtls.x509;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Whether a validated peer certificate may be used as the handshake uses it, as SunJSSE's EndEntityChecker decides:
 * its extended key usage (RFC 5280 §4.2.1.12) must allow TLS server or client authentication, and its key usage
 * (§4.2.1.3) the operation the key exchange performs with it.
 */
final class EndEntityUsage {
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final Set<String> SERVER_EKU = Set.of("1.3.6.1.5.5.7.3.1", ANY_EXTENDED_KEY_USAGE,
            "2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3"); // serverAuth, any, Netscape and Microsoft SGC
    private static final Set<String> CLIENT_EKU = Set.of("1.3.6.1.5.5.7.3.2", ANY_EXTENDED_KEY_USAGE);
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    private EndEntityUsage() {
    }

    static void checkServer(X509Certificate leaf, String authType) throws CertificateException {
        checkExtendedKeyUsage(leaf, SERVER_EKU, "TLS server authentication");
        int required = switch (authType) {
            case "RSA" -> KEY_ENCIPHERMENT; // RFC 5246 §7.4.7.1: the premaster secret is encrypted to the key
            case "DH_DSS", "DH_RSA", "ECDH_ECDSA", "ECDH_RSA" -> KEY_AGREEMENT; // static (EC)DH
            default -> DIGITAL_SIGNATURE; // it signs the key exchange (TLS 1.3: "UNKNOWN")
        };
        checkKeyUsage(leaf, required, "TLS server authentication with " + authType);
    }

    static void checkClient(X509Certificate leaf) throws CertificateException {
        checkExtendedKeyUsage(leaf, CLIENT_EKU, "TLS client authentication");
        checkKeyUsage(leaf, DIGITAL_SIGNATURE, "TLS client authentication"); // it signs CertificateVerify
    }

    private static void checkExtendedKeyUsage(X509Certificate leaf, Set<String> allowed, String use)
            throws CertificateException {
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("cannot read the extended key usage of " + name(leaf), e);
        }
        if (eku != null && eku.stream().noneMatch(allowed::contains)) {
            throw new CertificateException("Extended key usage " + eku + " of " + name(leaf) + " does not permit use"
                    + " for " + use);
        }
    }

    private static void checkKeyUsage(X509Certificate leaf, int bit, String use) throws CertificateException {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (bit >= ku.length || !ku[bit])) {
            throw new CertificateException("Key usage of " + name(leaf) + " does not permit use for " + use);
        }
    }

    private static String name(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
