package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.HandshakingEngine;
import dev.xtls.jsse.ProtocolDefaults;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrustManagerVerifierTest {
    private static TestCertificates.Issued ca;
    private static TestCertificates.Issued server;
    private static TestCertificates.Issued expired;
    private static TestCertificates.Issued strangersLeaf;
    private static X509ExtendedTrustManager pkix;

    @BeforeAll
    static void buildPki() throws Exception {
        ca = TestCertificates.ca("CN=Xtls Test CA");
        server = TestCertificates.leaf(ca, "CN=localhost", List.of("localhost"));
        expired = TestCertificates.leaf(ca, "CN=expired.test", List.of("expired.test"),
                Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));
        strangersLeaf = TestCertificates.leaf(TestCertificates.ca("CN=Stranger CA"), "CN=stranger.test", List.of("stranger.test"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(TestCertificates.trustStore(ca.certificate()));
        pkix = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    }

    /** An engine mid-handshake with a TLS 1.2 session towards {@code host}, checking host names as HTTPS does. */
    private static SSLEngine engineTowards(String host) {
        SessionState state = SessionState.initial(host, 443, System.currentTimeMillis())
                .withNegotiated(Bytes.EMPTY, ProtocolVersion.TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .withSignatureSchemes(ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES,
                        ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        return new HandshakingEngine(state, params);
    }

    private static TrustManagerVerifier verifier(X509ExtendedTrustManager tm, String host) {
        return new TrustManagerVerifier(tm, engineTowards(host), System::currentTimeMillis);
    }

    @Test
    void acceptsAChainIssuedByTheTrustedCaForTheRightHost() {
        assertDoesNotThrow(() -> verifier(pkix, "localhost")
                .verifyServer(List.of(server.certificate(), ca.certificate()), "ECDHE_ECDSA"));
    }

    @Test
    void reportsAnExpiredServerCertificateAsCertificateExpiredNamingSubjectAndDate() {
        TlsException e = assertThrows(TlsException.class, () -> verifier(pkix, "expired.test")
                .verifyServer(List.of(expired.certificate(), ca.certificate()), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED, e.alert());
        assertTrue(e.getMessage().startsWith(
                "server certificate CN=expired.test rejected: certificate expired on 2024-01-01T00:00:00Z"),
                e.getMessage());
    }

    @Test
    void reportsAChainFromAnUnknownIssuerAsUnknownCa() {
        TlsException e = assertThrows(TlsException.class, () -> verifier(pkix, "stranger.test")
                .verifyServer(List.of(strangersLeaf.certificate()), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.UNKNOWN_CA, e.alert());
        assertTrue(e.getMessage().startsWith(
                "server certificate CN=stranger.test rejected: no trusted certificate authority issued it"),
                e.getMessage());
    }

    @Test
    void reportsAHostNameMismatchAsCertificateUnknown() {
        TlsException e = assertThrows(TlsException.class, () -> verifier(pkix, "other.example")
                .verifyServer(List.of(server.certificate(), ca.certificate()), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.alert());
        assertTrue(e.getMessage().startsWith("server certificate CN=localhost rejected: "), e.getMessage());
        assertTrue(e.getMessage().contains("other.example"), e.getMessage());
    }

    @Test
    void reportsARevocationFromTheValidatorAsCertificateRevoked() {
        X509TrustManager revoking = rejecting(new CertificateException("revoked",
                new CertPathValidatorException("certificate revoked", null, null, -1, BasicReason.REVOKED)));
        TlsException e = assertThrows(TlsException.class, () -> verifier(ExtendedTrustManagerAdapter.of(revoking),
                "localhost").verifyClient(List.of(server.certificate()), "EC"));
        assertEquals(AlertDescription.CERTIFICATE_REVOKED, e.alert());
        assertTrue(e.getMessage().startsWith("client certificate CN=localhost rejected: certificate revoked"));
    }

    @Test
    void reportsAWrappedNotYetValidReasonAsCertificateExpired() {
        X509TrustManager early = rejecting(new CertificateException("early",
                new CertPathValidatorException("not yet", null, null, -1, BasicReason.NOT_YET_VALID)));
        TlsException e = assertThrows(TlsException.class, () -> verifier(ExtendedTrustManagerAdapter.of(early),
                "localhost").verifyServer(List.of(server.certificate()), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED, e.alert());
        assertTrue(e.getMessage().contains("is not valid before"), e.getMessage());
    }

    @Test
    void reportsAnyOtherRejectionAsCertificateUnknownWithTheTrustManagersWords() {
        X509TrustManager picky = rejecting(new CertificateException("key too small for policy"));
        TlsException e = assertThrows(TlsException.class, () -> verifier(ExtendedTrustManagerAdapter.of(picky),
                "localhost").verifyServer(List.of(server.certificate()), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.alert());
        assertEquals("server certificate CN=localhost rejected: key too small for policy", e.getMessage());
        assertInstanceOf(CertificateException.class, e.getCause());
    }

    @Test
    void checksClientChainsWithCheckClientTrustedAndPassesTheEngine() {
        AtomicReference<String> called = new AtomicReference<>();
        SSLEngine engine = engineTowards("localhost");
        X509ExtendedTrustManager recording = new RecordingTrustManager(called);
        new TrustManagerVerifier(recording, engine, System::currentTimeMillis)
                .verifyClient(List.of(server.certificate()), "EC");
        assertEquals("client EC engine", called.get());
    }

    @Test
    void rejectsEveryChainWhenNoTrustManagerIsConfigured() {
        TlsException e = assertThrows(TlsException.class, () -> verifier(null, "localhost")
                .verifyServer(List.of(server.certificate()), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.alert());
    }

    @Test
    void rejectsAnEmptyChainAsBadCertificate() {
        TlsException e = assertThrows(TlsException.class,
                () -> verifier(pkix, "localhost").verifyServer(List.of(), "ECDHE_ECDSA"));
        assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert());
    }

    @Test
    void acceptedIssuerNamesAreTheTrustManagersAnchorsInDer() {
        assertEquals(List.of(Bytes.wrap(ca.certificate().getSubjectX500Principal().getEncoded())),
                verifier(pkix, "localhost").acceptedIssuerNames());
        assertEquals(List.of(), verifier(null, "localhost").acceptedIssuerNames());
    }

    @Test
    void issuerNamesAreEncodedOncePerContextWhileTheManagersIssuersStayTheSame() {
        AcceptedIssuerNames names = new AcceptedIssuerNames();
        List<Bytes> first = new TrustManagerVerifier(pkix, engineTowards("localhost"), null, names,
                System::currentTimeMillis).acceptedIssuerNames();
        List<Bytes> second = new TrustManagerVerifier(pkix, engineTowards("localhost"), null, names,
                System::currentTimeMillis).acceptedIssuerNames();
        assertSame(first, second); // the manager returns a fresh array each time, with the same certificates
    }

    @Test
    void issuerNamesFollowATrustManagerWhoseIssuersChange() {
        AtomicReference<X509Certificate[]> issuers = new AtomicReference<>(new X509Certificate[] {ca.certificate()});
        X509ExtendedTrustManager changing = new RecordingTrustManager(new AtomicReference<>()) {
            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return issuers.get().clone();
            }
        };
        AcceptedIssuerNames names = new AcceptedIssuerNames();
        TrustManagerVerifier verifier = new TrustManagerVerifier(changing, engineTowards("localhost"), null, names,
                System::currentTimeMillis);
        assertEquals(List.of(Bytes.wrap(ca.certificate().getSubjectX500Principal().getEncoded())),
                verifier.acceptedIssuerNames());

        X509Certificate stranger = strangersLeaf.certificate();
        issuers.set(new X509Certificate[] {ca.certificate(), stranger});
        assertEquals(List.of(Bytes.wrap(ca.certificate().getSubjectX500Principal().getEncoded()),
                Bytes.wrap(stranger.getSubjectX500Principal().getEncoded())), verifier.acceptedIssuerNames());
        issuers.set(new X509Certificate[0]);
        assertEquals(List.of(), verifier.acceptedIssuerNames());
    }

    @Test
    void plainTrustManagerIsWrappedAndAnExtendedOneKeptAsItIs() {
        X509TrustManager plain = rejecting(new CertificateException("x"));
        assertInstanceOf(ExtendedTrustManagerAdapter.class, ExtendedTrustManagerAdapter.of(plain));
        assertSame(pkix, ExtendedTrustManagerAdapter.of(pkix));
    }

    private static X509TrustManager rejecting(CertificateException failure) {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw failure;
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw failure;
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    private static class RecordingTrustManager extends X509ExtendedTrustManager {
        private final AtomicReference<String> called;

        RecordingTrustManager(AtomicReference<String> called) {
            this.called = called;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            called.set("client " + authType + (engine != null ? " engine" : ""));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            called.set("server " + authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            called.set("socket");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            called.set("socket");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            called.set("plain");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            called.set("plain");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
