package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoint identification set in SSLParameters reaches the trust manager (RFC 6125/9525 host checks). */
class EndpointIdentificationTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine xtlsClient(String host, String algorithm) {
        SSLContext ctx = Peer.XTLS.context(pki);
        SSLEngine e = ctx.createSSLEngine(host, 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setCipherSuites(new String[] {SUITE});
        p.setEndpointIdentificationAlgorithm(algorithm);
        e.setSSLParameters(p);
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS", "LDAPS"})
    void aCertificateForAnotherHostIsRejectedWithCertificateUnknown(String algorithm) {
        SSLEngine client = xtlsClient("localhost", algorithm);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.otherHost(), SUITE);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertEquals("certificate_unknown", f.alertReceivedBy(Role.SERVER).orElseThrow());
        String message = f.of(Role.CLIENT).orElseThrow().getMessage();
        assertTrue(message.contains("other.example") || message.contains("localhost"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS", "LDAPS"})
    void theRightHostPasses(String algorithm) {
        SSLEngine client = xtlsClient("localhost", algorithm);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        EnginePair.of(client, server, Mode.NORMAL).handshake();
    }

    @Test
    void withoutIdentificationTheHostIsNotChecked() {
        SSLEngine client = xtlsClient("localhost", null);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.otherHost(), SUITE);
        EnginePair.of(client, server, Mode.NORMAL).handshake();
    }
}
