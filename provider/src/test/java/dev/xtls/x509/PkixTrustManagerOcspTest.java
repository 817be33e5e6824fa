package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.XtlsProvider;
import java.security.cert.CertificateException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * With revocation checking on, Xtls's PKIX trust manager judges a chain by the OCSP responses stapled in the
 * handshake session (RFC 6066 §8), as SunJSSE's does: no responder is contacted.
 */
class PkixTrustManagerOcspTest {
    @Test
    void aStapledGoodResponseIsTrustedAndARevokedOneRejectedAsRevoked() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("CN=OCSP test CA");
        TestCertificates.Issued leaf = TestCertificates.leaf(ca, "CN=localhost", List.of("localhost"));
        X509Certificate[] chain = {leaf.certificate()};
        X509ExtendedTrustManager tm = revocationCheckingManager(ca.certificate());

        tm.checkServerTrusted(chain, "ECDHE_ECDSA", new SessionEngine(ocsp(ca, leaf, CertificateStatus.GOOD)));
        SessionEngine revoked = new SessionEngine(ocsp(ca, leaf, new RevokedStatus(new Date(),
                CRLReason.keyCompromise)));
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain, "ECDHE_ECDSA", revoked));
        assertEquals(CertificateRejection.Reason.REVOKED, CertificateRejection.classify(e));
    }

    private static X509ExtendedTrustManager revocationCheckingManager(X509Certificate anchor) throws Exception {
        PKIXBuilderParameters p = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), null);
        p.setRevocationEnabled(true);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new XtlsProvider());
        tmf.init(new CertPathTrustManagerParameters(p));
        return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    }

    /** An OCSP response for {@code leaf} signed by its CA (RFC 6960 §4.2.2.2: the issuer may sign). */
    private static byte[] ocsp(TestCertificates.Issued ca, TestCertificates.Issued leaf, CertificateStatus status)
            throws Exception {
        X509CertificateHolder issuer = new JcaX509CertificateHolder(ca.certificate());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), issuer, leaf.certificate().getSerialNumber());
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
        b.addResponse(id, status, new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + 3_600_000));
        var basic = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey()),
                new X509CertificateHolder[] {issuer}, new Date());
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    /** An engine whose handshake session carries {@code response} as the stapled status of the leaf. */
    private static final class SessionEngine extends dev.xtls.testing.ForwardingEngine {
        private final byte[] response;

        SessionEngine(byte[] response) throws Exception {
            super(sunEngine(), null, null);
            this.response = response;
        }

        private static javax.net.ssl.SSLEngine sunEngine() throws Exception {
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.2", "SunJSSE");
            ctx.init(null, null, null);
            return ctx.createSSLEngine();
        }

        @Override
        public javax.net.ssl.SSLSession getHandshakeSession() {
            return new StapledSession(response);
        }

        @Override
        public javax.net.ssl.SSLParameters getSSLParameters() {
            return new javax.net.ssl.SSLParameters();
        }
    }

    private static final class StapledSession extends ExtendedSSLSession {
        private final byte[] response;

        StapledSession(byte[] response) {
            this.response = response;
        }

        @Override
        public List<byte[]> getStatusResponses() {
            return List.of(response);
        }

        @Override
        public String[] getLocalSupportedSignatureAlgorithms() {
            return new String[0];
        }

        @Override
        public String[] getPeerSupportedSignatureAlgorithms() {
            return new String[0];
        }

        @Override
        public byte[] getId() {
            return new byte[0];
        }

        @Override
        public SSLSessionContext getSessionContext() {
            return null;
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getLastAccessedTime() {
            return 0;
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public void putValue(String name, Object value) {
        }

        @Override
        public Object getValue(String name) {
            return null;
        }

        @Override
        public void removeValue(String name) {
        }

        @Override
        public String[] getValueNames() {
            return new String[0];
        }

        @Override
        public java.security.cert.Certificate[] getPeerCertificates() {
            return null;
        }

        @Override
        public java.security.cert.Certificate[] getLocalCertificates() {
            return null;
        }

        @Override
        @SuppressWarnings("removal")
        public javax.security.cert.X509Certificate[] getPeerCertificateChain() {
            return null;
        }

        @Override
        public java.security.Principal getPeerPrincipal() {
            return null;
        }

        @Override
        public java.security.Principal getLocalPrincipal() {
            return null;
        }

        @Override
        public String getCipherSuite() {
            return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        }

        @Override
        public String getProtocol() {
            return "TLSv1.2";
        }

        @Override
        public String getPeerHost() {
            return "localhost";
        }

        @Override
        public int getPeerPort() {
            return 443;
        }

        @Override
        public int getPacketBufferSize() {
            return 0;
        }

        @Override
        public int getApplicationBufferSize() {
            return 0;
        }
    }
}
