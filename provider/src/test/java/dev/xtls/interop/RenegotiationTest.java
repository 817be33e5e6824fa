package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secure renegotiation (RFC 5746) against engines we did not write, in memory: SunJSSE renegotiates in TLS 1.2
 * both ways; Bouncy Castle JSSE declines. A MiB crosses each way while the new handshake runs.
 */
class RenegotiationTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final int MIB = 1 << 20;
    private static TestPki pki;
    private static byte[] clientData;
    private static byte[] serverData;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        Random r = new Random(5746);
        clientData = new byte[MIB];
        serverData = new byte[MIB];
        r.nextBytes(clientData);
        r.nextBytes(serverData);
    }

    private static SSLEngine engine(Peer peer, Role role, boolean withCertificate) {
        SSLContext ctx = withCertificate ? peer.context(pki, role == Role.SERVER ? pki.ecdsaP256() : pki.rsa2048())
                : peer.context(pki);
        return Peer.engine(ctx, role, SUITE);
    }

    private static byte[] id(SSLSession s) {
        return s.getId();
    }

    @Test
    void anXtlsServerRenegotiatesWithASunJsseClientWhileAMibCrossesEachWay() {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, false);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, true);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.transfer("before".getBytes(), "before".getBytes());
        pair.renegotiate(Role.SERVER, clientData, serverData);
        assertHandshakes(pair, 2);
        // SunJSSE offers the current session: the renegotiation resumes it (an abbreviated handshake)
        assertArrayEquals(id(client.getSession()), id(server.getSession()));
        pair.transfer("after".getBytes(), "after".getBytes());
    }

    @Test
    void aSunJsseServerRenegotiatesWithAnXtlsClientWhileAMibCrossesEachWay() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, false);
        SSLEngine server = engine(Peer.SUN, Role.SERVER, true);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.renegotiate(Role.SERVER, clientData, serverData);
        assertHandshakes(pair, 2);
        pair.transfer("after".getBytes(), "after".getBytes());
    }

    @Test
    void anXtlsClientRenegotiatesWithASunJsseServerWhichAcceptsClientInitiatedRenegotiation() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, false);
        SSLEngine server = engine(Peer.SUN, Role.SERVER, true);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.renegotiate(Role.CLIENT, clientData, serverData);
        assertHandshakes(pair, 2);
    }

    @Test
    void anXtlsServerStepsUpToClientAuthenticationWithASunJsseClient() throws Exception {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, true);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, true);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.transfer("GET /public".getBytes(), "ok".getBytes());
        SSLSession first = server.getSession();
        assertThrows(SSLPeerUnverifiedException.class, first::getPeerCertificates);
        server.setNeedClientAuth(true);
        pair.renegotiate(Role.SERVER, "GET /private".getBytes(), new byte[0]);
        // a session without a client certificate cannot be resumed: a full handshake, a new session
        assertNotSame(first, server.getSession());
        assertFalse(Arrays.equals(id(first), id(server.getSession())));
        assertArrayEquals(pki.rsa2048().chain(), server.getSession().getPeerCertificates());
    }

    @Test
    void aSunJsseServerStepsUpToClientAuthenticationWithAnXtlsClient() throws Exception {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, true);
        SSLEngine server = engine(Peer.SUN, Role.SERVER, true);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        server.setNeedClientAuth(true);
        pair.renegotiate(Role.SERVER, new byte[0], new byte[0]);
        assertArrayEquals(pki.rsa2048().chain(), server.getSession().getPeerCertificates());
        assertArrayEquals(pki.rsa2048().chain(), client.getSession().getLocalCertificates());
    }

    @Test
    void aSunJsseClientsRenegotiationIsRefusedByDefaultWithNoRenegotiation() throws Exception {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, false);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, true);
        EnginePair pair = EnginePair.builder(client, server).lenient().build();
        pair.handshake();
        EnginePair.Failure f = pair.expectRenegotiationFailure(Role.CLIENT, new byte[] {1, 2, 3}, new byte[] {4});
        // Xtls parsed the real ClientHello and answered no_renegotiation; SunJSSE gives up its renegotiation.
        // JDK 17 reports the warning as received; JDK 25 turns it into its own handshake_failure, naming it
        String received = f.alertReceivedBy(Role.CLIENT).orElseThrow() + " / " + f.client().getMessage();
        assertTrue(received.contains("no_renegotiation"), received);
        assertEquals("handshake_failure", f.alertReceivedBy(Role.SERVER).orElseThrow());
    }

    @Test
    void aSunJsseClientsRenegotiationIsAcceptedWhenThePropertySaysSo() {
        SSLContext xtls = withSystemProperty("jdk.tls.rejectClientInitiatedRenegotiation", "false",
                () -> Peer.XTLS.context(pki, pki.ecdsaP256()));
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, false);
        SSLEngine server = Peer.engine(xtls, Role.SERVER, SUITE);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.renegotiate(Role.CLIENT, clientData, serverData);
        assertHandshakes(pair, 2);
    }

    @Test
    void aBouncyCastleClientDeclinesAndTheConnectionGoesOn() throws Exception {
        SSLEngine client = engine(Peer.BC, Role.CLIENT, false);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, true);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        SSLSession first = server.getSession();
        server.beginHandshake();
        assertEquals(HandshakeStatus.NEED_WRAP, server.getHandshakeStatus(), "a HelloRequest to send");
        // BCJSSE answers the HelloRequest with no_renegotiation: Xtls keeps the current session
        pair.renegotiate(Role.SERVER, clientData, serverData);
        assertHandshakes(pair, 1);
        assertEquals(first, server.getSession());
    }

    /** Each side saw {@code n} handshakes complete (FINISHED). */
    private static void assertHandshakes(EnginePair pair, int n) {
        assertEquals(n, pair.count(Role.CLIENT, HandshakeStatus.FINISHED), "client handshakes");
        assertEquals(n, pair.count(Role.SERVER, HandshakeStatus.FINISHED), "server handshakes");
    }

    private static SSLContext withSystemProperty(String key, String value,
            java.util.function.Supplier<SSLContext> make) {
        synchronized (Peer.class) {
            String before = System.getProperty(key);
            System.setProperty(key, value);
            try {
                return make.get();
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }
}
