package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact message of each certificate failure, against SunJSSE and Bouncy Castle JSSE peers: on the side that
 * rejects the chain, the cause with the certificate's details; on the side that only receives the alert, what the
 * alert means. The local clock in validity messages is masked as {@code <now>} (see {@link #masked}).
 */
class CertificateFailureMessagesTest {
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anExpiredServerCertificateIsExplainedWithItsValidityAndTheLocalClock(String version) {
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, pki), Peer.SUN.context(Peer.TLS, pki, pki.expired()),
                version, false);
        X509Certificate cert = pki.expired().leaf();
        assertEquals("(certificate_expired) server certificate CN=localhost,OU=expired,O=Xtls tests rejected:"
                + " certificate expired on " + cert.getNotAfter().toInstant() + ": valid from "
                + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                + ", local clock <now>", masked(f.client().getMessage()));
        assertEquals("certificate_expired", f.alertReceivedByServer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aFreshlyIssuedCertificateNotYetValidSuggestsCheckingTheClock(String version) {
        TestPki early = TestPki.create(Clock.offset(Clock.systemUTC(), Duration.ofDays(3)));
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, early), Peer.SUN.context(Peer.TLS, early, early.ecdsaP256()),
                version, false);
        X509Certificate cert = early.ecdsaP256().leaf();
        assertEquals("(certificate_expired) server certificate CN=localhost,OU=ecdsa-p256,O=Xtls tests rejected:"
                + " certificate is not valid before " + cert.getNotBefore().toInstant() + ": valid from "
                + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                + ", local clock <now>; it becomes valid within 7 days, as a freshly issued certificate does when"
                + " this machine's clock is behind: check the system clock", masked(f.client().getMessage()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aChainOfWhichEveryCertificateHasExpiredSuggestsCheckingTheClock(String version) throws Exception {
        FailureCertificates.Issued root = FailureCertificates.ca("CN=Xtls Clock Root,O=Xtls tests",
                FailureCertificates.ec());
        Instant now = FailureCertificates.now();
        FailureCertificates.Issued intermediate = FailureCertificates.intermediate(root,
                "CN=Xtls Clock Intermediate,O=Xtls tests", now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(10)));
        FailureCertificates.Issued leaf = FailureCertificates.leaf(intermediate, "CN=localhost,O=Clock",
                now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(11)));
        KeyStore trust = FailureCertificates.trustStore(root.certificate());
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, trust, null), Peer.SUN.context(Peer.TLS, trust,
                FailureCertificates.keyStore(leaf, intermediate.certificate())), version, false);
        X509Certificate bad = intermediate.certificate();
        assertEquals("(certificate_expired) server certificate CN=localhost,O=Clock rejected: issuer certificate"
                + " CN=Xtls Clock Intermediate,O=Xtls tests expired on " + bad.getNotAfter().toInstant()
                + ": valid from " + bad.getNotBefore().toInstant() + " to " + bad.getNotAfter().toInstant()
                + ", local clock <now>; every certificate in the chain has expired, which suggests this machine's"
                + " clock is ahead: check the system clock", masked(f.client().getMessage()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anExpiredClientCertificateIsExplainedByTheServerAndTheClientHearsWhy(String version) {
        Failure f = handshake(Peer.SUN.context(Peer.TLS, pki, pki.expired()),
                Peer.XTLS.context(Peer.TLS, pki, pki.ecdsaP256()), version, true);
        X509Certificate cert = pki.expired().leaf();
        assertEquals("(certificate_expired) client certificate CN=localhost,OU=expired,O=Xtls tests rejected:"
                + " certificate expired on " + cert.getNotAfter().toInstant() + ": valid from "
                + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                + ", local clock <now>", masked(f.server().getMessage()));
        Failure back = handshake(Peer.XTLS.context(Peer.TLS, pki, pki.expired()),
                Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256()), version, true);
        assertEquals("Received fatal alert: certificate_unknown: the server rejected our certificate: it does not"
                + " accept it for this connection (untrusted, expired, a host name or usage it does not allow; its"
                + " log says which)", back.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anUntrustedIssuerIsNamedWithTheTopOfTheChain(String version) {
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, pki), Peer.SUN.context(Peer.TLS, pki, pki.untrusted()),
                version, false);
        assertEquals("(unknown_ca) server certificate CN=localhost,OU=untrusted,O=Xtls tests rejected: no trusted"
                + " certificate authority issued it: the chain sent (1 certificate) ends at"
                + " CN=localhost,OU=untrusted,O=Xtls tests, whose issuer CN=Xtls Untrusted Root CA,O=Xtls tests is"
                + " not in the trust store", f.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aBouncyCastleClientRefusingOurIssuerIsHeardAsCertificateUnknown(String version) {
        Failure f = handshake(Peer.BC.context(Peer.TLS, pki), Peer.XTLS.context(Peer.TLS, pki, pki.untrusted()),
                version, false);
        assertEquals("Received fatal alert: certificate_unknown: the client rejected our certificate: it does not"
                + " accept it for this connection (untrusted, expired, a host name or usage it does not allow; its"
                + " log says which)", f.server().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anIssuerThatLooksLikeATlsInspectingProxyIsCalledSo(String version) throws Exception {
        FailureCertificates.Issued proxyCa = FailureCertificates.ca("CN=Acme SSL Inspection CA,O=Acme",
                FailureCertificates.ec());
        FailureCertificates.Issued leaf = FailureCertificates.leaf(proxyCa, "CN=localhost,O=Intercepted",
                "SHA256withECDSA", KeyPurposeId.id_kp_serverAuth);
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, pki),
                Peer.SUN.context(Peer.TLS, pki.trustStore(), FailureCertificates.keyStore(leaf)), version, false);
        assertEquals("(unknown_ca) server certificate CN=localhost,O=Intercepted rejected: no trusted certificate"
                + " authority issued it: the chain sent (1 certificate) ends at CN=localhost,O=Intercepted, whose"
                + " issuer CN=Acme SSL Inspection CA,O=Acme is not in the trust store; the issuer's name contains"
                + " \"inspection\", as a TLS-inspecting proxy's does: a proxy on this network may be intercepting"
                + " the connection (trust its CA only if it is your organisation's)", f.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aHostNameMismatchNamesTheExpectedHostAndTheCertificatesNames(String version) {
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, pki), Peer.SUN.context(Peer.TLS, pki, pki.otherHost()),
                version, false);
        assertEquals("(certificate_unknown) server certificate CN=other.example,OU=other-example,O=Xtls tests"
                + " rejected: it is not valid for localhost: its subject alternative names are DNS:other.example"
                + " (the CN is not used when there are DNS names)", f.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aServerCertificateForClientAuthenticationOnlyNamesItsUsage(String version) throws Exception {
        FailureCertificates.Issued leaf = FailureCertificates.leaf(issuer(pki), "CN=localhost,O=Client only",
                "SHA256withECDSA", KeyPurposeId.id_kp_clientAuth);
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, trustedCa(), null),
                Peer.SUN.context(Peer.TLS, trustedCa(), FailureCertificates.keyStore(leaf)), version, false);
        assertEquals("(certificate_unknown) server certificate CN=localhost,O=Client only rejected: its key usage"
                + " [digitalSignature] and extended key usage [clientAuth] do not allow TLS server authentication,"
                + " which needs extended key usage serverAuth (1.3.6.1.5.5.7.3.1)", f.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aCertificateSignedWithARefusedAlgorithmNamesTheAlgorithm(String version) throws Exception {
        FailureCertificates.Issued rsaCa = FailureCertificates.ca("CN=Xtls RSA CA,O=Xtls tests",
                FailureCertificates.rsa());
        FailureCertificates.Issued leaf = FailureCertificates.leaf(rsaCa, "CN=localhost,O=MD5 signed",
                "MD5withRSA", KeyPurposeId.id_kp_serverAuth);
        KeyStore trust = FailureCertificates.trustStore(rsaCa.certificate());
        Failure f = handshake(Peer.XTLS.context(Peer.TLS, trust, null),
                sunWithSimpleKeyManager(FailureCertificates.keyStore(leaf)), version, false);
        assertEquals("(unsupported_certificate) server certificate CN=localhost,O=MD5 signed rejected: certificate"
                + " uses an algorithm the local policy refuses: signed with MD5withRSA, EC 256-bit key (see"
                + " jdk.certpath.disabledAlgorithms and the SSLParameters' algorithm constraints)",
                f.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aRevokedCertificateSaysWhenAndWhy(String version) throws Exception {
        FailureCertificates.Issued ca = FailureCertificates.ca("CN=Xtls CRL CA,O=Xtls tests",
                FailureCertificates.ec());
        FailureCertificates.Issued leaf = FailureCertificates.leaf(ca, "CN=localhost,O=Revoked", "SHA256withECDSA",
                KeyPurposeId.id_kp_serverAuth);
        Instant revokedAt = FailureCertificates.now().minus(Duration.ofHours(2));
        PKIXBuilderParameters params = new PKIXBuilderParameters(
                FailureCertificates.trustStore(ca.certificate()), new X509CertSelector());
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(
                List.of(FailureCertificates.crl(ca, leaf.certificate(), revokedAt)))));
        PKIXRevocationChecker crlOnly = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
                .getRevocationChecker();
        crlOnly.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        params.addCertPathChecker(crlOnly);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Peer.SUN.provider());
        tmf.init(new CertPathTrustManagerParameters(params));
        SSLContext client = SSLContext.getInstance(Peer.TLS, Peer.XTLS.provider());
        client.init(null, tmf.getTrustManagers(), new SecureRandom());
        Failure f = handshake(client, Peer.SUN.context(Peer.TLS, null, FailureCertificates.keyStore(leaf)),
                version, false);
        assertEquals("(certificate_revoked) server certificate CN=localhost,O=Revoked rejected: certificate revoked"
                + " on " + revokedAt + " (reason KEY_COMPROMISE), as the revocation check reports",
                f.client().getMessage());
    }

    /**
     * A SunJSSE server context whose key manager is the "SunX509" one, which serves a chain its PKIX key manager
     * (and Bouncy Castle's) would refuse under jdk.certpath.disabledAlgorithms.
     */
    private static SSLContext sunWithSimpleKeyManager(KeyStore keyStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", Peer.SUN.provider());
        kmf.init(keyStore, TestPki.PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance(Peer.TLS, Peer.SUN.provider());
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    /** The trusted root of {@link #pki} as an issuer for {@link FailureCertificates#leaf}. */
    private static FailureCertificates.Issued issuer(TestPki pki) {
        Credential ca = pki.caCredential();
        return new FailureCertificates.Issued(ca.leaf(), new java.security.KeyPair(ca.leaf().getPublicKey(),
                ca.key()));
    }

    private static KeyStore trustedCa() {
        return pki.trustStore();
    }

    /** A handshake at {@code version}; the client checks the host name "localhost" as HTTPS does. */
    static Failure handshake(SSLContext client, SSLContext server, String version, boolean needClientAuth) {
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters cp = c.getSSLParameters();
        cp.setProtocols(new String[] {version});
        cp.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(cp);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        SSLParameters sp = s.getSSLParameters();
        sp.setProtocols(new String[] {version});
        sp.setNeedClientAuth(needClientAuth);
        s.setSSLParameters(sp);
        return EnginePair.builder(c, s).lenient().build().expectHandshakeFailure();
    }

    /** The local clock in a validity message, as {@code <now>}: the one part of these messages a test cannot pin. */
    static String masked(String message) {
        return message.replaceAll("local clock \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "local clock <now>");
    }
}
