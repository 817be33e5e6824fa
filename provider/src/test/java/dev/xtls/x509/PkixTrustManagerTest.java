package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.XtlsProvider;
import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Xtls's TrustManagerFactory PKIX gives SunJSSE's PKIX trust verdicts, and the same failure reasons. */
class PkixTrustManagerTest {
    private static final TestPki PKI = TestPki.create();

    private record Case(String name, X509Certificate[] chain) {
    }

    private static List<Case> cases() {
        X509Certificate root = PKI.caCertificate();
        List<Case> cases = new ArrayList<>();
        for (Credential c : List.of(PKI.ecdsaP256(), PKI.rsa2048(), PKI.expired(), PKI.untrusted(), PKI.otherHost(),
                PKI.ed25519(), PKI.rsaPss())) {
            cases.add(new Case(c.name(), c.chain()));
            cases.add(new Case(c.name() + " with root", new X509Certificate[] {c.leaf(), root}));
        }
        cases.add(new Case("client EKU only", PKI.withUsage("client", "localhost", KeyUsage.digitalSignature,
                KeyPurposeId.id_kp_clientAuth).chain()));
        cases.add(new Case("server EKU only", PKI.withUsage("server", "localhost", KeyUsage.digitalSignature,
                KeyPurposeId.id_kp_serverAuth).chain()));
        cases.add(new Case("any EKU", PKI.withUsage("any", "localhost", KeyUsage.digitalSignature,
                KeyPurposeId.anyExtendedKeyUsage).chain()));
        cases.add(new Case("key encipherment only", PKI.withUsage("kE", "localhost", KeyUsage.keyEncipherment)
                .chain()));
        cases.add(new Case("no extensions", PKI.withUsage("plain", "localhost", 0).chain()));
        cases.add(new Case("root itself", new X509Certificate[] {root}));
        cases.add(new Case("untrusted root itself", new X509Certificate[] {PKI.untrustedCaCertificate()}));
        return cases;
    }

    @Test
    void registeredUnderSunJssesNames() throws Exception {
        XtlsProvider xtls = new XtlsProvider();
        for (String name : List.of("PKIX", "SunPKIX", "X509", "X.509")) {
            assertSame(xtls, TrustManagerFactory.getInstance(name, xtls).getProvider(), name);
        }
    }

    @Test
    void sameVerdictsAndReasonsAsSunJsseForServerAndClientChains() throws Exception {
        X509ExtendedTrustManager sun = manager(TrustManagerFactory.getInstance("PKIX", "SunJSSE"));
        X509ExtendedTrustManager xtls = manager(TrustManagerFactory.getInstance("PKIX", new XtlsProvider()));
        for (Case c : cases()) {
            for (String authType : List.of("ECDHE_ECDSA", "ECDHE_RSA", "RSA", "UNKNOWN")) {
                assertEquals(verdict(() -> sun.checkServerTrusted(c.chain(), authType)),
                        verdict(() -> xtls.checkServerTrusted(c.chain(), authType)), "server " + c.name() + " "
                        + authType);
            }
            assertEquals(verdict(() -> sun.checkClientTrusted(c.chain(), "EC")),
                    verdict(() -> xtls.checkClientTrusted(c.chain(), "EC")), "client " + c.name());
        }
    }

    @Test
    void acceptedIssuersAreTheStoresCertificates() throws Exception {
        X509ExtendedTrustManager xtls = manager(TrustManagerFactory.getInstance("PKIX", new XtlsProvider()));
        assertEquals(List.of(PKI.caCertificate()), List.of(xtls.getAcceptedIssuers()));
    }

    @Test
    void takesCertPathTrustManagerParameters() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new XtlsProvider());
        PKIXBuilderParameters p = new PKIXBuilderParameters(Set.of(new TrustAnchor(PKI.caCertificate(), null)), null);
        p.setRevocationEnabled(false);
        tmf.init(new CertPathTrustManagerParameters(p));
        X509ExtendedTrustManager tm = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        tm.checkServerTrusted(PKI.ecdsaP256().chain(), "ECDHE_ECDSA");
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(PKI.untrusted().chain(), "ECDHE_ECDSA"));
    }

    @Test
    void anEmptyStoreRejectsEveryChainAsUntrusted() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new XtlsProvider());
        tmf.init(empty);
        X509ExtendedTrustManager tm = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(PKI.ecdsaP256().chain(), "ECDHE_ECDSA"));
        assertEquals(CertificateRejection.Reason.UNTRUSTED_ISSUER, CertificateRejection.classify(e));
    }

    private static X509ExtendedTrustManager manager(TrustManagerFactory tmf) throws Exception {
        tmf.init(PKI.trustStore());
        return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    }

    private interface Check {
        void run() throws CertificateException;
    }

    /** "trusted", or the reason the handshake would report (which decides the alert). */
    private static String verdict(Check check) {
        try {
            check.run();
            return "trusted";
        } catch (CertificateException e) {
            return "rejected: " + CertificateRejection.classify(e);
        }
    }
}
