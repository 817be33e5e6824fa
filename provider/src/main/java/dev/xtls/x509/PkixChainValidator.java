package dev.xtls.x509;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 5280 §6 path validation of a peer's chain with the JCA's PKIX CertPathValidator and CertPathBuilder: a chain
 * that is in order and ends at or below a trust anchor is validated as sent (so a failure keeps its reason:
 * expired, revoked, ...); any other is built from its certificates. The parameters are fixed when the trust
 * manager is made; each check copies them with its own date and, with revocation on, the OCSP responses the peer
 * stapled (RFC 6066 §8, RFC 6961).
 */
final class PkixChainValidator {
    private final PKIXBuilderParameters parameters;
    private final Set<TrustAnchor> anchors;
    private final X509Certificate[] anchorCertificates; // built once: each handshake that requests a client cert asks

    /** {@code parameters} null: there is no trust anchor, and every chain is rejected. */
    PkixChainValidator(PKIXBuilderParameters parameters) {
        this.parameters = parameters == null ? null : (PKIXBuilderParameters) parameters.clone();
        this.anchors = parameters == null ? Set.of() : Set.copyOf(parameters.getTrustAnchors());
        this.anchorCertificates = anchors.stream().map(TrustAnchor::getTrustedCert).filter(c -> c != null)
                .toArray(X509Certificate[]::new);
    }

    X509Certificate[] acceptedIssuers() {
        return anchorCertificates.clone();
    }

    /**
     * Throws a CertificateException whose cause is the CertPath exception (its reason names the failure). Returns
     * whether the leaf is itself a trust anchor, which SunJSSE trusts as it is, without checking its usage.
     */
    boolean validate(X509Certificate[] chain, Date now, List<byte[]> stapledResponses) throws CertificateException {
        if (parameters == null) {
            String why = "the trust store holds no trusted certificate";
            throw new CertificateException(why, new CertPathValidatorException(why, null, null, -1,
                    PKIXReason.NO_TRUST_ANCHOR));
        }
        if (isAnchor(chain[0])) {
            return true;
        }
        try {
            PKIXBuilderParameters p = (PKIXBuilderParameters) parameters.clone();
            p.setDate(now);
            useStapledResponses(p, chain, stapledResponses);
            List<X509Certificate> path = pathBelowAnchor(chain);
            if (path != null) {
                CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
                CertPathValidator.getInstance("PKIX").validate(certPath, p);
            } else {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(chain[0]);
                p.setTargetCertConstraints(target);
                p.addCertStore(CertStore.getInstance("Collection",
                        new CollectionCertStoreParameters(Arrays.asList(chain))));
                CertPathBuilder.getInstance("PKIX").build(p);
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new CertificateException("PKIX path validation failed: " + e.getMessage(), e);
        }
    }

    /**
     * With revocation checking on, the peer's stapled OCSP responses (in chain order) are given to the PKIX
     * revocation checker, as SunJSSE does, so that it need not fetch them.
     */
    private static void useStapledResponses(PKIXParameters p, X509Certificate[] chain, List<byte[]> responses)
            throws GeneralSecurityException {
        if (!p.isRevocationEnabled() || responses == null || responses.isEmpty()) {
            return;
        }
        Map<X509Certificate, byte[]> byCert = new HashMap<>();
        for (int i = 0; i < Math.min(chain.length, responses.size()); i++) {
            if (responses.get(i) != null && responses.get(i).length > 0) {
                byCert.put(chain[i], responses.get(i));
            }
        }
        if (byCert.isEmpty()) {
            return;
        }
        PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
                .getRevocationChecker();
        checker.setOcspResponses(byCert);
        List<java.security.cert.PKIXCertPathChecker> checkers = new ArrayList<>(p.getCertPathCheckers());
        checkers.removeIf(c -> c instanceof PKIXRevocationChecker);
        checkers.add(checker);
        p.setCertPathCheckers(checkers);
    }

    /** The chain without its anchor when each certificate is issued by the next and the last by an anchor. */
    private List<X509Certificate> pathBelowAnchor(X509Certificate[] chain) {
        List<X509Certificate> path = new ArrayList<>();
        for (int i = 0; i < chain.length; i++) {
            if (isAnchor(chain[i])) {
                return path;
            }
            path.add(chain[i]);
            if (i + 1 < chain.length && !chain[i].getIssuerX500Principal()
                    .equals(chain[i + 1].getSubjectX500Principal())) {
                return null;
            }
        }
        X509Certificate last = chain[chain.length - 1];
        boolean issuedByAnchor = anchors.stream().anyMatch(a -> a.getTrustedCert() != null
                && a.getTrustedCert().getSubjectX500Principal().equals(last.getIssuerX500Principal()));
        return issuedByAnchor ? path : null;
    }

    private boolean isAnchor(X509Certificate cert) {
        return anchors.stream().anyMatch(a -> cert.equals(a.getTrustedCert()));
    }

    /** PKIX parameters over {@code anchors}, revocation as asked (com.sun.net.ssl.checkRevocation); null: none. */
    static PKIXBuilderParameters parameters(Set<TrustAnchor> anchors, boolean revocation)
            throws InvalidAlgorithmParameterException {
        if (anchors.isEmpty()) {
            return null;
        }
        PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, null);
        p.setRevocationEnabled(revocation);
        return p;
    }
}
