package dev.xtls.x509;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.jsse.HandshakingEngine;
import dev.xtls.session.SessionState;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6125 / RFC 2818 host-name matching. Each shared case is also put to SunJSSE's own PKIX trust manager (same
 * certificate, same host, "HTTPS" and "LDAPS"): both must give the expected verdict. The cases where Xtls is
 * deliberately stricter are listed separately.
 */
class HostnameMatcherTest {
    private static TestCertificates.Issued ca;
    private static X509ExtendedTrustManager sunPkix;

    @BeforeAll
    static void setUp() throws Exception {
        ca = TestCertificates.ca("CN=Hostname Test CA");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(TestCertificates.trustStore(ca.certificate()));
        sunPkix = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    }

    /** "DNS:name", "IP:address"; the subject is "CN=" + {@code cn} (or "O=no cn" when cn is null). */
    private static X509Certificate cert(String cn, String... sans) throws Exception {
        List<GeneralName> names = new ArrayList<>();
        for (String san : sans) {
            names.add(san.startsWith("IP:") ? new GeneralName(GeneralName.iPAddress, san.substring(3))
                    : new GeneralName(GeneralName.dNSName, san.substring(4)));
        }
        return TestCertificates.leafNamed(ca, cn == null ? "O=no cn" : cn, names).certificate();
    }

    private static boolean xtlsAccepts(String host, X509Certificate cert) {
        try {
            HostnameMatcher.check(host, cert);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static boolean sunAccepts(String host, X509Certificate cert, String algorithm) {
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(algorithm);
        HandshakingEngine engine = new HandshakingEngine(SessionState.initial(host, 443, System.currentTimeMillis()),
                params);
        try {
            sunPkix.checkServerTrusted(new X509Certificate[] {cert, ca.certificate()}, "ECDHE_ECDSA", engine);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    static Stream<Arguments> sharedCases() {
        return Stream.of(
                // exact names, case-insensitive
                Arguments.of("localhost", "CN=x", new String[] {"DNS:localhost"}, true),
                Arguments.of("WWW.Example.COM", "CN=x", new String[] {"DNS:www.example.com"}, true),
                Arguments.of("www.example.com", "CN=x", new String[] {"DNS:WWW.EXAMPLE.COM"}, true),
                Arguments.of("localhost", "CN=x", new String[] {"DNS:other.example"}, false),
                Arguments.of("localhost", "CN=x", new String[] {"DNS:other.example", "DNS:localhost"}, true),
                // wildcard: left-most label only, exactly one label
                Arguments.of("www.example.com", "CN=x", new String[] {"DNS:*.example.com"}, true),
                Arguments.of("example.com", "CN=x", new String[] {"DNS:*.example.com"}, false),
                Arguments.of("a.b.example.com", "CN=x", new String[] {"DNS:*.example.com"}, false),
                Arguments.of("www.example.com", "CN=x", new String[] {"DNS:*"}, false),
                Arguments.of("foo.example.com", "CN=x", new String[] {"DNS:f*.example.com"}, true),
                Arguments.of("foo.example.com", "CN=x", new String[] {"DNS:*o.example.com"}, true),
                Arguments.of("bar.example.com", "CN=x", new String[] {"DNS:f*.example.com"}, false),
                // IDN: U-label host against A-label name and wildcard
                Arguments.of("bücher.example", "CN=x", new String[] {"DNS:xn--bcher-kva.example"}, true),
                Arguments.of("www.bücher.example", "CN=x", new String[] {"DNS:*.xn--bcher-kva.example"}, true),
                Arguments.of("xn--bcher-kva.example", "CN=x", new String[] {"DNS:xn--bcher-kva.example"}, true),
                // IP literals only against iPAddress SANs, compared as addresses
                Arguments.of("127.0.0.1", "CN=x", new String[] {"IP:127.0.0.1"}, true),
                Arguments.of("127.0.0.2", "CN=x", new String[] {"IP:127.0.0.1"}, false),
                Arguments.of("127.0.0.1", "CN=x", new String[] {"DNS:127.0.0.1"}, false),
                Arguments.of("127.0.0.1", "CN=127.0.0.1", new String[] {}, false),
                Arguments.of("::1", "CN=x", new String[] {"IP:0:0:0:0:0:0:0:1"}, true),
                Arguments.of("[::1]", "CN=x", new String[] {"IP:::1"}, true),
                Arguments.of("0:0:0:0:0:0:0:1", "CN=x", new String[] {"IP:::1"}, true),
                Arguments.of("fe80::1", "CN=x", new String[] {"IP:fe80:0:0:0:0:0:0:1"}, true),
                Arguments.of("::2", "CN=x", new String[] {"IP:::1"}, false),
                Arguments.of("localhost", "CN=x", new String[] {"IP:127.0.0.1"}, false),
                // CN only without dNSName SANs; the most specific (last) CN
                Arguments.of("localhost", "CN=localhost", new String[] {}, true),
                Arguments.of("localhost", "CN=localhost", new String[] {"DNS:other.example"}, false),
                Arguments.of("localhost", "CN=localhost", new String[] {"IP:127.0.0.1"}, true),
                Arguments.of("www.example.com", "CN=*.example.com", new String[] {}, true),
                Arguments.of("localhost", "CN=wrong.example, O=x, CN=localhost", new String[] {}, true),
                Arguments.of("localhost", "CN=localhost, O=x, CN=wrong.example", new String[] {}, false),
                Arguments.of("localhost", null, new String[] {}, false),
                // a host that is not a valid name
                Arguments.of("bad_host.example", "CN=x", new String[] {"DNS:bad_host.example"}, false));
    }

    @ParameterizedTest(name = "{0} vs {1} {2}: {3}")
    @MethodSource("sharedCases")
    void xtlsAndSunJsseGiveTheExpectedVerdict(String host, String cn, String[] sans, boolean expected)
            throws Exception {
        X509Certificate cert = cert(cn, sans);
        assertEquals(expected, xtlsAccepts(host, cert), "Xtls");
        assertEquals(expected, sunAccepts(host, cert, "HTTPS"), "SunJSSE HTTPS");
        assertEquals(expected, sunAccepts(host, cert, "LDAPS"), "SunJSSE LDAPS");
    }

    @Test
    void aWildcardNeverStandsForASingleLabelSuffixWhichSunJsseAllowsForPrivateCas() throws Exception {
        X509Certificate com = cert("CN=x", "DNS:*.com");
        assertFalse(xtlsAccepts("example.com", com));
        assertTrue(sunAccepts("example.com", com, "HTTPS"), "SunJSSE checks the public-suffix list for cacerts CAs only");
        assertFalse(xtlsAccepts("foo.localhost", cert("CN=x", "DNS:*.localhost")));
    }

    @Test
    void aPartialWildcardDoesNotMatchInsideAnALabel() throws Exception {
        assertFalse(xtlsAccepts("xn--bcher-kva.example", cert("CN=x", "DNS:xn--*.example")));
        assertFalse(xtlsAccepts("xn--bcher-kva.example", cert("CN=x", "DNS:x*.example")));
        assertTrue(xtlsAccepts("xn--bcher-kva.test.example", cert("CN=x", "DNS:*.test.example")));
    }

    @Test
    void aWildcardOutsideTheLeftMostLabelMatchesNothingAsInRfc6125AndJdk25() throws Exception {
        // JDK 17's checker still matches these for HTTPS (not for LDAPS); RFC 6125 §6.4.3 and later JDKs do not
        for (String template : List.of("DNS:www.*.com", "DNS:*.*.com")) {
            X509Certificate cert = cert("CN=x", template);
            assertFalse(xtlsAccepts("www.example.com", cert), template);
            assertFalse(sunAccepts("www.example.com", cert, "LDAPS"), template);
        }
    }

    @Test
    void oneTrailingDotOnEitherSideIsIgnored() throws Exception {
        assertTrue(xtlsAccepts("www.example.com.", cert("CN=x", "DNS:www.example.com")));
        assertTrue(xtlsAccepts("www.example.com", cert("CN=x", "DNS:www.example.com.")));
        assertFalse(xtlsAccepts("www.example.com..", cert("CN=x", "DNS:www.example.com")));
    }

    @Test
    void theFailureNamesTheHostAndTheCertificatesNames() throws Exception {
        X509Certificate cert = cert("CN=other.example", "DNS:other.example", "IP:10.0.0.1");
        CertificateException e = assertThrows(CertificateException.class,
                () -> HostnameMatcher.check("localhost", cert));
        assertEquals("it is not valid for localhost: its subject alternative names are DNS:other.example,"
                + " IP:10.0.0.1 (the CN is not used when there are DNS names)", e.getMessage());
    }

    @Test
    void withoutDnsNamesTheFailureNamesTheCn() throws Exception {
        CertificateException ipOnly = assertThrows(CertificateException.class,
                () -> HostnameMatcher.check("localhost", cert("CN=other.example", "IP:10.0.0.1")));
        assertEquals("it is not valid for localhost: its subject alternative names are IP:10.0.0.1 and its CN is"
                + " other.example", ipOnly.getMessage());
        CertificateException none = assertThrows(CertificateException.class,
                () -> HostnameMatcher.check("localhost", cert("CN=other.example")));
        assertEquals("it is not valid for localhost: it has no subject alternative names and its CN is"
                + " other.example", none.getMessage());
    }

    @Test
    void withoutAPeerHostNothingMatchesAndTheMessageSaysWhy() throws Exception {
        X509Certificate cert = cert("CN=localhost", "DNS:localhost");
        CertificateException e = assertThrows(CertificateException.class, () -> HostnameMatcher.check(null, cert));
        assertTrue(e.getMessage().contains("host name or IP address is unknown"), e.getMessage());
        assertDoesNotThrow(() -> HostnameMatcher.check("localhost", cert));
    }

    @Test
    void ipLiteralsAreRecognisedWithoutTheResolver() {
        assertTrue(HostnameMatcher.isIpLiteral("192.168.1.10"));
        assertTrue(HostnameMatcher.isIpLiteral("::1"));
        assertTrue(HostnameMatcher.isIpLiteral("fe80::1%eth0"));
        assertFalse(HostnameMatcher.isIpLiteral("localhost"));
        assertFalse(HostnameMatcher.isIpLiteral("1.example.com"));
    }
}
