package dev.xtls.x509;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;

/**
 * The algorithm check SunJSSE's wrapper adds for a plain trust manager: every certificate of the chain but a
 * trusted last one must be signed with an algorithm this side offered in signature_algorithms (RFC 5246
 * §7.4.1.4.1), and its signature algorithm and key must be permitted by the SSLParameters' AlgorithmConstraints.
 * A failure carries a CertPathValidatorException with reason ALGORITHM_CONSTRAINED, as SunJSSE's does.
 */
final class ChainAlgorithmConstraints {
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);

    private ChainAlgorithmConstraints() {
    }

    /** {@code constraints} null: only the offered signature algorithms apply. */
    static void check(X509Certificate[] chain, X509Certificate[] acceptedIssuers, SSLSession session,
            AlgorithmConstraints constraints) throws CertificateException {
        int last = chain.length - 1;
        if (acceptedIssuers != null && Arrays.asList(acceptedIssuers).contains(chain[last])) {
            last--; // the trust anchor itself is not checked
        }
        List<String> offered = offeredSignatureAlgorithms(session);
        for (int i = last; i >= 0; i--) {
            X509Certificate cert = chain[i];
            String signedWith = cert.getSigAlgName();
            if (!offered.isEmpty() && offered.stream().noneMatch(a -> a.equalsIgnoreCase(baseName(signedWith)))) {
                throw constrained(cert, "is signed with " + signedWith
                        + ", which is not among the signature algorithms this side offered " + offered);
            }
            if (constraints != null && !constraints.permits(SIGNATURE, signedWith, parameters(cert))) {
                throw constrained(cert, "is signed with " + signedWith
                        + ", which the SSLParameters' algorithm constraints do not permit");
            }
            if (constraints != null && !constraints.permits(SIGNATURE, cert.getPublicKey())) {
                throw constrained(cert, "has a " + cert.getPublicKey().getAlgorithm()
                        + " key that the SSLParameters' algorithm constraints do not permit");
            }
        }
    }

    private static List<String> offeredSignatureAlgorithms(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            String[] names = extended.getLocalSupportedSignatureAlgorithms();
            return names == null ? List.of() : List.of(names);
        }
        return List.of();
    }

    /** "SHA256withRSAandMGF1" compares as "SHA256withRSA", as SunJSSE compares it. */
    static String baseName(String algorithm) {
        int and = algorithm.indexOf("and");
        return and > 0 ? algorithm.substring(0, and) : algorithm;
    }

    private static AlgorithmParameters parameters(X509Certificate cert) {
        byte[] encoded = cert.getSigAlgParams();
        if (encoded == null) {
            return null;
        }
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance(cert.getSigAlgName());
            p.init(encoded);
            return p;
        } catch (GeneralSecurityException | java.io.IOException e) {
            return null; // e.g. ECDSA's absent parameters: the name alone is judged
        }
    }

    private static CertificateException constrained(X509Certificate cert, String why) {
        String message = "certificate " + cert.getSubjectX500Principal().getName() + " " + why;
        return new CertificateException(message,
                new CertPathValidatorException(message, null, null, -1, BasicReason.ALGORITHM_CONSTRAINED));
    }
}
