package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Endpoint identification with a plain (non-Extended) X509TrustManager: the TLS layer adds the RFC 6125 / RFC 2818
 * host check as SunJSSE's wrapper does. Each case runs with SunJSSE and with Xtls on the checking side and expects
 * the same verdict; the other side is always SunJSSE.
 */
class PlainTrustManagerIdentificationTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine client(Peer peer, String host, String algorithm) {
        SSLEngine e = peer.contextWithPlainTrustManager(pki).createSSLEngine(host, 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {Peer.TLS12});
        p.setCipherSuites(new String[] {SUITE});
        p.setEndpointIdentificationAlgorithm(algorithm);
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine sunServer(Credential credential) {
        return Peer.SUN.engine(Role.SERVER, pki, credential, SUITE);
    }

    private static Credential credential(String name) {
        return switch (name) {
            case "ecdsaP256" -> pki.ecdsaP256();
            case "otherHost" -> pki.otherHost();
            case "wildcard" -> pki.wildcard();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SUN, HTTPS", "XTLS, HTTPS", "SUN, LDAPS", "XTLS, LDAPS"})
    void aTrustedCertificateForAnotherHostIsRefusedWithCertificateUnknown(Peer peer, String algorithm) {
        SSLEngine client = client(peer, "localhost", algorithm);
        Failure f = EnginePair.builder(client, sunServer(pki.otherHost())).lenient().build().expectHandshakeFailure();
        assertEquals("certificate_unknown", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertInstanceOf(SSLHandshakeException.class, f.of(Role.CLIENT).orElseThrow());
        if (peer == Peer.XTLS) {
            String message = f.of(Role.CLIENT).orElseThrow().getMessage();
            assertTrue(message.contains("localhost") && message.contains("other.example"), message);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
        "SUN, HTTPS, localhost, ecdsaP256", "XTLS, HTTPS, localhost, ecdsaP256",
        "SUN, HTTPS, 127.0.0.1, ecdsaP256", "XTLS, HTTPS, 127.0.0.1, ecdsaP256",
        "SUN, HTTPS, www.xtls.test, wildcard", "XTLS, HTTPS, www.xtls.test, wildcard",
        "SUN, LDAPS, www.xtls.test, wildcard", "XTLS, LDAPS, www.xtls.test, wildcard",
        "SUN, HTTPS, LOCALHOST, ecdsaP256", "XTLS, HTTPS, LOCALHOST, ecdsaP256",
        "SUN, HTTPS, localhost, otherHost", "XTLS, HTTPS, localhost, otherHost",
    })
    void aMatchingNameOrNoCheckPasses(Peer peer, String algorithm, String host, String credential) {
        // the last pair runs without endpoint identification: then any trusted certificate passes
        String alg = credential.equals("otherHost") ? null : algorithm;
        EnginePair.of(client(peer, host, alg), sunServer(credential(credential)), Mode.NORMAL).handshake();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "SUN, HTTPS, xtls.test", "XTLS, HTTPS, xtls.test",
        "SUN, HTTPS, a.b.xtls.test", "XTLS, HTTPS, a.b.xtls.test",
        "SUN, HTTPS, 127.0.0.2", "XTLS, HTTPS, 127.0.0.2",
        "SUN, LDAPS, a.b.xtls.test", "XTLS, LDAPS, a.b.xtls.test",
    })
    void aWildcardCoversExactlyOneLeftMostLabel(Peer peer, String algorithm, String host) {
        Failure f = EnginePair.builder(client(peer, host, algorithm), sunServer(pki.wildcard())).lenient().build()
                .expectHandshakeFailure();
        assertEquals("certificate_unknown", f.alertReceivedBy(Role.SERVER).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void theRequestedSniNameIsCheckedBeforeThePeerHost(Peer peer) {
        SSLEngine client = client(peer, "localhost", "HTTPS");
        SSLParameters p = client.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("other.example")));
        client.setSSLParameters(p);
        EnginePair.of(client, sunServer(pki.otherHost()), Mode.NORMAL).handshake();
    }

    private static SSLEngine server(Peer peer, String clientHost, String algorithm) {
        SSLEngine e = peer.contextWithPlainTrustManager(pki, pki.ecdsaP256()).createSSLEngine(clientHost, 50000);
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {Peer.TLS12});
        p.setCipherSuites(new String[] {SUITE});
        p.setNeedClientAuth(true);
        p.setEndpointIdentificationAlgorithm(algorithm);
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine sunClient(Credential credential) {
        SSLEngine e = Peer.SUN.context(pki, credential).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {Peer.TLS12});
        p.setCipherSuites(new String[] {SUITE});
        e.setSSLParameters(p);
        return e;
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aServerWithIdentificationChecksTheClientCertificateAgainstThePeerHost(Peer peer) {
        Failure f = EnginePair.builder(sunClient(pki.otherHost()), server(peer, "localhost", "HTTPS")).lenient()
                .build().expectHandshakeFailure();
        assertEquals("certificate_unknown", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        EnginePair.of(sunClient(pki.ecdsaP256()), server(peer, "localhost", "HTTPS"), Mode.NORMAL).handshake();
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aServerWithoutIdentificationAcceptsAnyTrustedClientCertificate(Peer peer) {
        EnginePair.of(sunClient(pki.otherHost()), server(peer, "localhost", null), Mode.NORMAL).handshake();
    }
}
