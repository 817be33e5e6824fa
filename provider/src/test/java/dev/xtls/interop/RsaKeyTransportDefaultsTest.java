package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RSA key transport (TLS_RSA_WITH_*) is supported but not enabled by default, as JDK 24 disabled it: the JCA's RSA
 * decryption times differ with the plaintext (Marvin; README "Side channels"). The tests run under JDK 17's
 * jdk.tls.disabledAlgorithms (test-tls-policy.security), which permits it, so what is checked is Xtls's own default.
 */
class RsaKeyTransportDefaultsTest {
    private static final String RSA_KX = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void noRsaKeyTransportSuiteIsEnabledByDefaultOnEitherSideButAllAreSupported() {
        SSLContext ctx = Peer.XTLS.context(pki, pki.rsa2048());
        for (boolean client : new boolean[] {true, false}) {
            SSLEngine e = ctx.createSSLEngine();
            e.setUseClientMode(client);
            List<String> enabled = Arrays.asList(e.getEnabledCipherSuites());
            assertTrue(enabled.stream().noneMatch(s -> s.startsWith("TLS_RSA_WITH_")), "enabled: " + enabled);
            assertTrue(enabled.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "enabled: " + enabled);
            List<String> supported = Arrays.asList(e.getSupportedCipherSuites());
            assertTrue(supported.contains(RSA_KX), "supported: " + supported);
        }
        assertTrue(Arrays.stream(ctx.getDefaultSSLParameters().getCipherSuites())
                .noneMatch(s -> s.startsWith("TLS_RSA_WITH_")));
    }

    @Test
    void aDefaultServerRefusesASunJsseClientThatOffersOnlyRsaKeyTransport() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, RSA_KX);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048());
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertEquals("handshake_failure", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        String message = f.of(Role.SERVER).orElseThrow().getMessage();
        assertTrue(message.contains("TLS_RSA_WITH_AES_128_GCM_SHA256") && message.contains("setEnabledCipherSuites"),
                message);
    }

    @Test
    void aServerThatEnablesRsaKeyTransportExplicitlyServesASunJsseClientWithIt() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, RSA_KX);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048(), RSA_KX);
        EnginePair.builder(client, server).build().handshake();
        assertEquals(RSA_KX, server.getSession().getCipherSuite());
    }

    @Test
    void aDefaultClientDoesNotOfferRsaKeyTransportToASunJsseServerThatOnlyHasIt() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.rsa2048(), RSA_KX);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertEquals("handshake_failure", f.alertReceivedBy(Role.CLIENT).orElseThrow());
    }
}
