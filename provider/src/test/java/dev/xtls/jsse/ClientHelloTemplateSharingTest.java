package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.handshake.ClientHelloTemplate;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.CipherSuite;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of a ClientHello that depend only on configuration are built once per SSLContext (issue 13): the
 * engines of one context share one {@link ClientHelloTemplate} while their settings are equal, and a SunJSSE
 * server reads the same offer from every ClientHello made of it.
 */
class ClientHelloTemplateSharingTest {
    private static final int SUPPORTED_GROUPS = 10;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int ALPN = 16;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int SIGNATURE_ALGORITHMS_CERT = 50;
    private static final List<Integer> CONFIGURATION_ONLY = List.of(SUPPORTED_GROUPS, SIGNATURE_ALGORITHMS, ALPN,
            SUPPORTED_VERSIONS, SIGNATURE_ALGORITHMS_CERT, HelloExtensionReader.PSK_KEY_EXCHANGE_MODES);
    private static TestPki pki;
    private static SSLContext sun;
    private XtlsSSLContext spi;

    @BeforeAll
    static void peers() {
        pki = TestPki.create();
        sun = Peer.SUN.context(pki, pki.ecdsaP256());
    }

    @BeforeEach
    void xtlsClientContext() throws Exception {
        spi = new XtlsSSLContext(JcaTlsCrypto::new, ProtocolDefaults.TLS13_CONTEXT_PROTOCOLS); // SSLContext "TLS"
        TestContexts.sslContext(spi).init(null, new TrustManager[] {pki.trustManager()}, new SecureRandom());
    }

    private SSLEngine client() {
        SSLEngine e = spi.engineCreateSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair connect(SSLEngine client) {
        SSLEngine server = sun.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.closeBoth();
        pair.assertLegalResults();
        return pair;
    }

    private ClientHelloTemplate current() {
        return spi.state().helloTemplates().current();
    }

    @Test
    void twoEnginesOfOneContextShareOneTemplateAndSendTheSameOffer() {
        EnginePair first = connect(client());
        ClientHelloTemplate template = current();
        assertNotNull(template, "the first handshake built the context's template");
        EnginePair second = connect(client());
        assertSame(template, current(), "the second handshake reused it");
        for (int type : CONFIGURATION_ONLY) {
            byte[] sent = HelloExtensionReader.extension(first, Role.CLIENT, type);
            assertNotNull(sent, "extension " + type);
            assertArrayEquals(sent, HelloExtensionReader.extension(second, Role.CLIENT, type), "extension " + type);
        }
        assertEquals(peerSchemes(first), peerSchemes(second));
        assertEquals(List.of("localhost"), ((ExtendedSSLSession) second.engine(Role.SERVER).getSession())
                .getRequestedServerNames().stream().map(n -> new String(n.getEncoded())).toList());
    }

    @Test
    void anEngineWithOtherSuitesGetsATemplateOfItsOwn() {
        connect(client());
        ClientHelloTemplate defaults = current();
        SSLEngine narrow = client();
        narrow.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"});
        EnginePair pair = connect(narrow);
        assertNotSame(defaults, current());
        assertEquals(List.of(CipherSuite.byName("TLS_AES_128_GCM_SHA256").orElseThrow(),
                CipherSuite.byName("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").orElseThrow()), current().offered());
        assertEquals("TLS_AES_128_GCM_SHA256", pair.engine(Role.SERVER).getSession().getCipherSuite());
    }

    /** signature_algorithms as SunJSSE parsed them from the ClientHello. */
    private static List<String> peerSchemes(EnginePair pair) {
        return List.of(((ExtendedSSLSession) pair.engine(Role.SERVER).getSession())
                .getPeerSupportedSignatureAlgorithms());
    }
}
