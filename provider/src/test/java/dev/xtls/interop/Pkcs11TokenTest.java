package dev.xtls.interop;

import static dev.xtls.interop.ClientAuthSetup.client;
import static dev.xtls.interop.ClientAuthSetup.server;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.interop.ClientAuthSetup.Mode;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Security;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys in a PKCS#11 software token (SoftHSM2 through SunPKCS11) sign inside the token: the Xtls client's
 * CertificateVerify and the Xtls server's ServerKeyExchange, against SunJSSE. As with SunJSSE, the token's provider
 * must be registered (the JCA finds a key's provider among registered ones only); each test registers it and
 * removes it again. SoftHSM2 missing is a failure, not a skip.
 */
@Timeout(120)
class Pkcs11TokenTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static SoftHsmToken token;

    @BeforeAll
    static void token() throws Exception {
        pki = TestPki.create();
        token = SoftHsmToken.create(dir);
        token.importCredential(pki.ecdsaP256());
        token.importCredential(pki.rsa2048());
    }

    @BeforeEach
    void register() {
        Security.addProvider(token.provider());
    }

    @AfterEach
    void unregister() {
        Security.removeProvider(token.provider().getName());
    }

    private static void assertTokenKeys(RecordingKeyManager keys, Credential c) {
        assertFalse(keys.keysHandedOut().isEmpty(), "no private key was asked for");
        for (PrivateKey key : keys.keysHandedOut()) {
            assertTrue(key.getClass().getName().startsWith("sun.security.pkcs11."), key.getClass().getName());
            assertNull(key.getEncoded(), "a token key does not leave the token");
            assertEquals(c.keyAlgorithm(), key.getAlgorithm());
        }
    }

    private static void clientKeyInTheTokenAuthenticatesToSunJsse(Credential c) throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager(token.keyManager(), false, c.keyAlgorithm());
        SSLEngine client = client(Peer.XTLS, keys, pki.trustManager());
        SSLEngine server = server(Peer.SUN, pki.trustStore(), pki.keyStore(pki.ecdsaP256()), Mode.NEED);
        EnginePair.of(client, server, EnginePair.Mode.NORMAL).handshake();

        assertArrayEquals(c.chain(), server.getSession().getPeerCertificates());
        assertTokenKeys(keys, c);
    }

    @Test
    void xtlsClientSignsWithAnEcKeyInTheTokenForASunJsseServerThatNeedsACertificate() throws Exception {
        clientKeyInTheTokenAuthenticatesToSunJsse(pki.ecdsaP256());
    }

    @Test
    void xtlsClientSignsWithAnRsaKeyInTheTokenForASunJsseServerThatNeedsACertificate() throws Exception {
        clientKeyInTheTokenAuthenticatesToSunJsse(pki.rsa2048());
    }

    /** Step-up: the SunJSSE server asks for a certificate only in a renegotiation (RFC 5746). */
    @Test
    void xtlsClientAnswersASunJsseServersStepUpWithAKeyInTheToken() throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager(token.keyManager(), false, "EC");
        SSLEngine client = client(Peer.XTLS, keys, pki.trustManager());
        SSLEngine server = Peer.engine(Peer.SUN.context(pki.trustStore(), pki.keyStore(pki.ecdsaP256())),
                Role.SERVER, ClientAuthSetup.SUITE);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        assertTrue(keys.keysHandedOut().isEmpty(), "no certificate was asked for yet");
        server.setNeedClientAuth(true);
        pair.renegotiate(Role.SERVER, "GET /private".getBytes(StandardCharsets.US_ASCII), new byte[0]);

        assertArrayEquals(pki.ecdsaP256().chain(), server.getSession().getPeerCertificates());
        assertTokenKeys(keys, pki.ecdsaP256());
    }

    private static void serverKeyInTheTokenServesSunJsse(Credential c, String suite) throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager(token.keyManager(), false);
        SSLEngine server = Peer.engine(ClientAuthSetup.context(Peer.XTLS, keys, pki.trustManager()), Role.SERVER,
                suite);
        SSLEngine client = Peer.engine(Peer.SUN.context(pki), Role.CLIENT, suite);
        EnginePair.of(client, server, EnginePair.Mode.NORMAL)
                .transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));

        assertEquals(suite, client.getSession().getCipherSuite());
        assertArrayEquals(c.chain(), client.getSession().getPeerCertificates());
        assertTokenKeys(keys, c);
    }

    @Test
    void xtlsServerSignsItsEcdheKeyExchangeWithAnEcKeyInTheToken() throws Exception {
        serverKeyInTheTokenServesSunJsse(pki.ecdsaP256(), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void xtlsServerSignsItsEcdheKeyExchangeWithAnRsaKeyInTheToken() throws Exception {
        serverKeyInTheTokenServesSunJsse(pki.rsa2048(), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void xtlsServerDecryptsAnRsaPremasterWithAKeyInTheToken() throws Exception {
        serverKeyInTheTokenServesSunJsse(pki.rsa2048(), "TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void withoutTheTokenProviderRegisteredTheClientFailsWithAMessageSayingSo() throws Exception {
        unregister();
        RecordingKeyManager keys = new RecordingKeyManager(token.keyManager(), false, "EC");
        SSLEngine client = client(Peer.XTLS, keys, pki.trustManager());
        SSLEngine server = server(Peer.SUN, pki.trustStore(), pki.keyStore(pki.ecdsaP256()), Mode.NEED);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();

        assertEquals("internal_error", f.alertReceivedBy(Role.SERVER).orElseThrow());
        String m = f.of(Role.CLIENT).map(SSLException::getMessage).orElseThrow();
        assertTrue(m.contains("register the key's provider"), m);
    }

    @Test
    void withoutTheTokenProviderRegisteredSunJsseCannotSignWithTheTokenKeyEither() throws Exception {
        unregister();
        RecordingKeyManager keys = new RecordingKeyManager(token.keyManager(), false, "EC");
        SSLEngine client = client(Peer.SUN, keys, pki.trustManager());
        SSLEngine server = server(Peer.SUN, pki.trustStore(), pki.keyStore(pki.ecdsaP256()), Mode.NEED);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();

        assertEquals("internal_error", f.alertReceivedBy(Role.SERVER).orElseThrow());
        String m = f.of(Role.CLIENT).map(SSLException::getMessage).orElseThrow();
        assertTrue(m.contains("No supported CertificateVerify signature algorithm"), m);
    }
}
