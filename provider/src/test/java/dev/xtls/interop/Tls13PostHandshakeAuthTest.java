package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.EnginePair.Op;
import dev.xtls.testing.EnginePair.Phase;
import dev.xtls.testing.EnginePair.Step;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 after the handshake through the standard calls (RFC 8446 §4.6): a server that sets needClientAuth and
 * calls beginHandshake on an established connection gets the client's certificate by post-handshake
 * authentication (§4.6.2) when the client offered post_handshake_auth; otherwise beginHandshake sends a KeyUpdate
 * (§4.6.3), as SunJSSE does. OpenSSL covers the same against a peer we did not write (XtlsOpenSslPostHandshakeIT);
 * SunJSSE and Bouncy Castle JSSE have no post-handshake authentication, so they show the KeyUpdate side only.
 */
class Tls13PostHandshakeAuthTest {
    private static final String TLS13 = "TLSv1.3";
    private static final byte[] DATA = new byte[3000];
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    static Stream<Peer> otherPeers() {
        return Stream.of(Peer.SUN, Peer.BC);
    }

    private static SSLEngine tls13(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {TLS13});
        p.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"});
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine client(Credential credential) {
        return tls13(Peer.XTLS.engine(Role.CLIENT, pki, credential));
    }

    private static SSLEngine client(X509ExtendedKeyManager keyManager) {
        return tls13(Peer.engine(ClientAuthSetup.context(Peer.XTLS, keyManager, pki.trustManager()), Role.CLIENT));
    }

    private static SSLEngine server() {
        return tls13(Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256()));
    }

    private static String alertReceivedByClient(Failure f) {
        return f.alertReceivedBy(Role.CLIENT).orElseThrow(() -> new AssertionError("the client received no alert;"
                + " the server said: " + f.of(Role.SERVER).map(Throwable::getMessage)));
    }

    /** KeyUpdate-sized records (27 bytes under AES-GCM) {@code side} wrapped without data in beginHandshake's phase. */
    private static int handshakeRecords(EnginePair pair, Role side) {
        return pair.steps(side).stream().filter(s -> s.phase() == Phase.RENEGOTIATE && s.op() == Op.WRAP
                && s.bytesConsumed() == 0 && s.bytesProduced() == 27).mapToInt(Step::times).sum();
    }

    @Test
    void aServerThatNowNeedsAClientCertificateGetsItAfterTheHandshake() throws Exception {
        SSLEngine client = client(pki.rsa2048());
        SSLEngine server = server();
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertThrows(SSLPeerUnverifiedException.class, () -> server.getSession().getPeerCertificates());
        byte[] binding = Xtls.tlsExporterChannelBinding(server);
        server.setNeedClientAuth(true);
        pair.renegotiate(Role.SERVER, DATA, DATA);
        X509Certificate peer = (X509Certificate) server.getSession().getPeerCertificates()[0];
        assertTrue(peer.getSubjectX500Principal().getName().contains("rsa-2048"), peer.toString());
        assertEquals(TLS13, server.getSession().getProtocol());
        // the keys are those of the handshake: the exporter does not change (RFC 8446 §7.5)
        assertArrayEquals(binding, Xtls.tlsExporterChannelBinding(server));
        assertArrayEquals(binding, Xtls.tlsExporterChannelBinding(client));
        pair.transfer(DATA, DATA);
        pair.closeBoth();
        // the server's engine reports FINISHED for the authentication as for a renegotiation; the client answered
        // without a handshake of its own
        assertEquals(2, pair.count(Role.SERVER, HandshakeStatus.FINISHED));
        assertEquals(1, pair.count(Role.CLIENT, HandshakeStatus.FINISHED));
    }

    @Test
    void aClientWithoutPostHandshakeAuthMakesBeginHandshakeFailAndTheConnectionGoesOn() {
        SSLEngine client = client((Credential) null); // no key manager: post_handshake_auth is not offered
        SSLEngine server = server();
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        server.setNeedClientAuth(true);
        SSLException refused = assertThrows(SSLException.class, server::beginHandshake);
        assertTrue(refused.getMessage().contains("post_handshake_auth"), refused.getMessage());
        pair.transfer(DATA, DATA);
        pair.closeBoth();
    }

    @Test
    void aServerThatOnlyWantsACertificateSendsAKeyUpdateToAClientWithoutPostHandshakeAuth() throws Exception {
        SSLEngine client = client((Credential) null);
        SSLEngine server = server();
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        server.setWantClientAuth(true);
        pair.renegotiate(Role.SERVER, DATA, DATA);
        assertEquals(1, handshakeRecords(pair, Role.SERVER), pair.describe()); // the KeyUpdate
        assertThrows(SSLPeerUnverifiedException.class, () -> server.getSession().getPeerCertificates());
        pair.transfer(DATA, DATA);
        pair.closeBoth();
        pair.assertLegalResults();
    }

    @Test
    void anEmptyCertificateUnderNeedClientAuthGetsCertificateRequired() {
        SSLEngine client = client(pki.keyManager()); // a key manager without certificates: offers, sends none
        SSLEngine server = server();
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        server.setNeedClientAuth(true);
        Failure f = pair.expectRenegotiationFailure(Role.SERVER, DATA, DATA);
        assertEquals("certificate_required", alertReceivedByClient(f));
        assertTrue(f.of(Role.SERVER).orElseThrow().getMessage().contains("no certificate"));
    }

    @Test
    void aCertificateVerifyWithTheWrongKeyGetsDecryptError() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        SSLEngine client = client(new Tls13PeersTest.WrongKey(pki.keyManager(pki.ecdsaP256()),
                g.generateKeyPair().getPrivate()));
        SSLEngine server = server();
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        server.setNeedClientAuth(true);
        Failure f = pair.expectRenegotiationFailure(Role.SERVER, DATA, DATA);
        assertEquals("decrypt_error", alertReceivedByClient(f));
        assertTrue(server.isInboundDone());
    }

    @ParameterizedTest
    @MethodSource("otherPeers")
    void beginHandshakeOnAnEstablishedConnectionSendsAKeyUpdateThePeerAnswers(Peer other) {
        for (Role xtlsRole : Role.values()) {
            SSLEngine xtls = xtlsRole == Role.CLIENT ? client(pki.rsa2048()) : server();
            SSLEngine peer = tls13(xtlsRole == Role.CLIENT ? other.engine(Role.SERVER, pki, pki.ecdsaP256())
                    : other.engine(Role.CLIENT, pki, null));
            EnginePair pair = xtlsRole == Role.CLIENT ? EnginePair.of(xtls, peer, Mode.NORMAL)
                    : EnginePair.of(peer, xtls, Mode.NORMAL);
            pair.handshake();
            for (int i = 0; i < 3; i++) {
                pair.renegotiate(xtlsRole, DATA, DATA);
            }
            // §4.6.3: each request is a 27-byte record (KeyUpdate under AES-GCM); the data that follows is under
            // the next keys both ways, so it arrives only if the peer took the update and its answer was read
            assertEquals(3, handshakeRecords(pair, xtlsRole), pair.describe());
            pair.transfer(DATA, DATA);
            pair.closeBoth();
            // a KeyUpdate is no handshake for Xtls (SunJSSE reports FINISHED after each)
            assertEquals(1, pair.count(xtlsRole, HandshakeStatus.FINISHED));
        }
    }
}
