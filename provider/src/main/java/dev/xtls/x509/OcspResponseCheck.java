package dev.xtls.x509;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Checks a DER OCSPResponse (RFC 6960 §4.2) against the certificate it answers for: successful, a SingleResponse
 * for this certificate's CertID (§4.1.1), signed by the issuer or by a responder the issuer delegated with
 * id-kp-OCSPSigning (§4.2.2.2), and current within a clock skew. What it says about the certificate (good,
 * revoked, unknown) is reported, not judged: the trust manager's revocation checking decides.
 */
public final class OcspResponseCheck {
    /** Allowed clock difference, as SunJSSE's OCSP checker (ocsp.clockSkew, 900 s). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    /** What a valid response says. {@code nextUpdate} null: the responder gave none (RFC 6960 §4.2.2.1). */
    public record Answer(String status, Date thisUpdate, Date nextUpdate) {
    }

    private OcspResponseCheck() {
    }

    /** The CertID a request for {@code leaf} issued by {@code issuer} carries (SHA-1, RFC 6960 §4.1.1). */
    public static CertificateID certificateId(X509Certificate leaf, X509Certificate issuer) {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), leaf.getSerialNumber());
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the OCSP CertID of " + leaf.getSubjectX500Principal(), e);
        }
    }

    /**
     * The answer of {@code der} for {@code leaf}; an {@link IllegalArgumentException} naming what is wrong when it
     * is no valid answer for it at {@code nowMillis}.
     */
    public static Answer check(byte[] der, X509Certificate leaf, X509Certificate issuer, long nowMillis) {
        BasicOCSPResp basic = basic(der);
        CertificateID id = certificateId(leaf, issuer);
        SingleResp single = null;
        for (SingleResp s : basic.getResponses()) {
            if (s.getCertID().equals(id)) {
                single = s;
            }
        }
        if (single == null) {
            throw new IllegalArgumentException("the OCSP response has no status for certificate serial "
                    + leaf.getSerialNumber().toString(16) + " of " + issuer.getSubjectX500Principal().getName());
        }
        if (!signedBy(basic, issuer, nowMillis)) {
            throw new IllegalArgumentException("the OCSP response is signed neither by "
                    + issuer.getSubjectX500Principal().getName() + " nor by a responder it authorised");
        }
        long skew = CLOCK_SKEW.toMillis();
        if (single.getThisUpdate().getTime() > nowMillis + skew) {
            throw new IllegalArgumentException("the OCSP response's thisUpdate " + single.getThisUpdate().toInstant()
                    + " is in the future");
        }
        if (single.getNextUpdate() != null && single.getNextUpdate().getTime() < nowMillis - skew) {
            throw new IllegalArgumentException("the OCSP response expired at its nextUpdate "
                    + single.getNextUpdate().toInstant());
        }
        return new Answer(statusName(single.getCertStatus()), single.getThisUpdate(), single.getNextUpdate());
    }

    /**
     * Client: a response stapled to {@code chain} (RFC 6066 §8) must be a valid answer for its leaf, else the
     * handshake fails with bad_certificate_status_response (RFC 6961 §2.2). A chain without its issuer leaves the
     * check to the trust manager, which finds the issuer.
     */
    public static void checkStapled(List<X509Certificate> chain, byte[] der, long nowMillis) {
        if (chain.size() < 2) {
            return;
        }
        try {
            check(der, chain.get(0), chain.get(1), nowMillis);
        } catch (IllegalArgumentException e) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE, "the OCSP response stapled to "
                    + chain.get(0).getSubjectX500Principal().getName() + " is not valid: " + e.getMessage(), e);
        }
    }

    private static BasicOCSPResp basic(byte[] der) {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new IllegalArgumentException("the OCSP responder answered with status " + resp.getStatus()
                        + " instead of successful(0) (RFC 6960 §4.2.1)");
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new IllegalArgumentException("the OCSP response is not an id-pkix-ocsp-basic response");
            }
            return basic;
        } catch (IOException | OCSPException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i) {
                throw i;
            }
            throw new IllegalArgumentException("the OCSP response is not DER OCSPResponse (" + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * §4.2.2.2: the issuer itself, or a certificate in the response that it issued for OCSP signing and that is
     * valid now.
     */
    private static boolean signedBy(BasicOCSPResp basic, X509Certificate issuer, long nowMillis) {
        try {
            if (basic.isSignatureValid(verifier(new JcaX509CertificateHolder(issuer)))) {
                return true;
            }
        } catch (OCSPException | CertificateEncodingException e) {
            // not signed by the issuer: a delegated responder may have signed it
        }
        for (X509CertificateHolder responder : basic.getCerts()) {
            try {
                boolean delegated = responder.getIssuer().equals(new JcaX509CertificateHolder(issuer).getSubject())
                        && responder.isValidOn(new Date(nowMillis))
                        && responder.isSignatureValid(verifier(new JcaX509CertificateHolder(issuer)))
                        && responder.getExtensions() != null
                        && Optional.ofNullable(ExtendedKeyUsage.fromExtensions(responder.getExtensions()))
                                .map(eku -> eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)).orElse(false);
                if (delegated && basic.isSignatureValid(verifier(responder))) {
                    return true;
                }
            } catch (OCSPException | CertException | CertificateEncodingException e) {
                // this one did not sign it; try the next
            }
        }
        return false;
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder signer) {
        try {
            return new JcaContentVerifierProviderBuilder().build(signer);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalArgumentException("cannot verify with the key of " + signer.getSubject(), e);
        }
    }

    private static String statusName(CertificateStatus status) {
        if (status == CertificateStatus.GOOD) {
            return "good";
        }
        return status instanceof RevokedStatus ? "revoked" : "unknown";
    }
}
