package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The checks a client applies to a stapled OCSP response (RFC 6960 §4.2.2, RFC 6066 §8). */
class OcspResponseCheckTest {
    private static final TestPki PKI = TestPki.create();
    private static final long NOW = System.currentTimeMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final Credential leaf = PKI.ecdsaP256();
    private final X509Certificate ca = PKI.caCertificate();

    @Test
    void readsGoodAndRevokedAnswersSignedByTheIssuer() throws Exception {
        PrivateKey caKey = caKey();
        assertEquals("good", OcspResponseCheck.check(response(leaf.leaf(), CertificateStatus.GOOD, caKey, ca,
                NOW + HOUR), leaf.leaf(), ca, NOW).status());
        RevokedStatus revoked = new RevokedStatus(new Date(NOW - HOUR), CRLReason.keyCompromise);
        assertEquals("revoked", OcspResponseCheck.check(response(leaf.leaf(), revoked, caKey, ca, NOW + HOUR),
                leaf.leaf(), ca, NOW).status());
    }

    @Test
    void refusesAnAnswerForAnotherCertificate() throws Exception {
        byte[] other = response(PKI.rsa2048().leaf(), CertificateStatus.GOOD, caKey(), ca, NOW + HOUR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OcspResponseCheck.check(other, leaf.leaf(), ca, NOW));
        assertTrue(e.getMessage().contains("no status for certificate serial"), e.getMessage());
    }

    @Test
    void refusesAnAnswerSignedBySomeoneElse() throws Exception {
        // signed with the leaf's own key, which the CA never authorised for OCSP
        byte[] forged = response(leaf.leaf(), CertificateStatus.GOOD, leaf.key(), leaf.leaf(), NOW + HOUR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OcspResponseCheck.check(forged, leaf.leaf(), ca, NOW));
        assertTrue(e.getMessage().contains("signed neither by"), e.getMessage());
    }

    @Test
    void refusesAnAnswerPastItsNextUpdateBeyondTheSkew() throws Exception {
        long nextUpdate = NOW - OcspResponseCheck.CLOCK_SKEW.toMillis() - HOUR;
        byte[] stale = response(leaf.leaf(), CertificateStatus.GOOD, caKey(), ca, nextUpdate);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OcspResponseCheck.check(stale, leaf.leaf(), ca, NOW));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void aBadStapleIsBadCertificateStatusResponse() {
        List<X509Certificate> chain = List.of(leaf.leaf(), ca);
        TlsException e = assertThrows(TlsException.class,
                () -> OcspResponseCheck.checkStapled(chain, new byte[] {0x30, 0x00}, NOW));
        assertEquals(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE, e.alert());
        assertTrue(e.getMessage().contains("not DER OCSPResponse"), e.getMessage());
    }

    private static PrivateKey caKey() {
        return PKI.caCredential().key();
    }

    private static byte[] response(X509Certificate subject, CertificateStatus status, PrivateKey signerKey,
            X509Certificate signer, long nextUpdate) throws Exception {
        X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer);
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()));
        b.addResponse(OcspResponseCheck.certificateId(subject, PKI.caCertificate()), status, new Date(NOW - HOUR),
                new Date(nextUpdate));
        String alg = "EC".equals(signerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        var basic = b.build(new JcaContentSignerBuilder(alg).build(signerKey), null, new Date(NOW));
        OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        return resp.getEncoded();
    }
}
