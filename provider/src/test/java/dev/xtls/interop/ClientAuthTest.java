package dev.xtls.interop;

import static dev.xtls.interop.ClientAuthSetup.client;
import static dev.xtls.interop.ClientAuthSetup.server;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.interop.ClientAuthSetup.Mode;
import dev.xtls.message.CertificateRequest;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutual authentication (RFC 5246 §7.4.4, §7.4.6, §7.4.8) between Xtls and SunJSSE/BCJSSE, both directions:
 * RSA and ECDSA client certificates, "need" and "want", no certificate, and certificates the server rejects.
 */
class ClientAuthTest {
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** The Xtls side and its peer: Xtls as client against each other server, and as server against each client. */
    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (Peer other : List.of(Peer.SUN, Peer.BC)) {
            out.add(Arguments.of(Peer.XTLS, other));
            out.add(Arguments.of(other, Peer.XTLS));
        }
        out.add(Arguments.of(Peer.XTLS, Peer.XTLS));
        return out.stream();
    }

    static Stream<Arguments> pairsCertificatesAndModes() {
        List<Arguments> out = new ArrayList<>();
        pairs().forEach(pair -> {
            for (String credential : List.of("rsa-2048", "ecdsa-p256")) {
                for (Mode mode : Mode.values()) {
                    out.add(Arguments.of(pair.get()[0], pair.get()[1], credential, mode));
                }
            }
        });
        return out.stream();
    }

    private static Credential credential(String name) {
        return pki.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static SSLEngine serverOf(Peer peer, Mode mode) {
        return server(peer, pki.trustStore(), pki.keyStore(pki.ecdsaP256()), mode);
    }

    private static Failure expectFailure(SSLEngine client, SSLEngine server) {
        return EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
    }

    private static String message(Failure f, Role side) {
        return f.of(side).map(SSLException::getMessage).orElseThrow(() -> new AssertionError(side + " did not fail"));
    }

    @ParameterizedTest(name = "{0} client with {2} certificate -> {1} server, {3}")
    @MethodSource("pairsCertificatesAndModes")
    void bothSessionsShowTheClientChainAfterMutualAuthentication(Peer clientPeer, Peer serverPeer,
            String credentialName, Mode mode) throws Exception {
        Credential c = credential(credentialName);
        SSLEngine client = client(clientPeer, pki.keyManager(c), pki.trustManager());
        SSLEngine server = serverOf(serverPeer, mode);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals(c.chain(), server.getSession().getPeerCertificates(), "server sees the client's chain");
        assertArrayEquals(c.chain(), client.getSession().getLocalCertificates(), "client session's local chain");
        assertEquals(c.leaf().getSubjectX500Principal(), server.getSession().getPeerPrincipal());
        assertArrayEquals(pki.ecdsaP256().chain(), client.getSession().getPeerCertificates());
    }

    @ParameterizedTest(name = "{0} client -> {1} server")
    @MethodSource("pairs")
    void aClientWithoutKeyManagerCompletesWhenTheServerOnlyWantsACertificate(Peer clientPeer, Peer serverPeer) {
        SSLEngine client = client(clientPeer, null, pki.trustManager());
        SSLEngine server = serverOf(serverPeer, Mode.WANT);
        EnginePair.of(client, server, EnginePair.Mode.NORMAL).handshake();

        assertThrows(SSLPeerUnverifiedException.class, () -> server.getSession().getPeerCertificates());
        assertNull(client.getSession().getLocalCertificates());
    }

    @ParameterizedTest(name = "{0} client")
    @MethodSource("otherPeers")
    void xtlsServerThatNeedsACertificateRefusesAnEmptyOneWithHandshakeFailure(Peer clientPeer) {
        Failure f = expectFailure(client(clientPeer, null, pki.trustManager()), serverOf(Peer.XTLS, Mode.NEED));

        assertEquals("handshake_failure", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        String m = message(f, Role.SERVER);
        assertTrue(m.contains("sent no certificate") && m.contains("requires one"), m);
    }

    /**
     * What SunJSSE and BCJSSE servers send when a client that must authenticate sends no certificate: SunJSSE
     * changed from bad_certificate (JDK 17) to handshake_failure (seen on JDK 25).
     */
    static Stream<Arguments> needingServersAndTheirAlerts() {
        String sun = Runtime.version().feature() >= 25 ? "handshake_failure" : "bad_certificate";
        return Stream.of(Arguments.of(Peer.SUN, sun), Arguments.of(Peer.BC, "handshake_failure"));
    }

    @ParameterizedTest(name = "{0} server sends {1}")
    @MethodSource("needingServersAndTheirAlerts")
    void xtlsClientWithoutCertificateReportsTheAlertOfAServerThatNeedsOne(Peer serverPeer, String alert) {
        Failure f = expectFailure(client(Peer.XTLS, null, pki.trustManager()), serverOf(serverPeer, Mode.NEED));

        assertEquals(alert, f.alertReceivedBy(Role.CLIENT).orElseThrow());
        assertTrue(message(f, Role.CLIENT).contains("Received fatal alert: " + alert), message(f, Role.CLIENT));
    }

    static Stream<Peer> otherPeers() {
        return Stream.of(Peer.SUN, Peer.BC);
    }

    static Stream<Arguments> rejectedCertificates() {
        List<Arguments> out = new ArrayList<>();
        for (Peer clientPeer : List.of(Peer.SUN, Peer.BC)) {
            out.add(Arguments.of(clientPeer, "untrusted", "unknown_ca"));
            out.add(Arguments.of(clientPeer, "expired", "certificate_expired"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client with the {1} certificate receives {2}")
    @MethodSource("rejectedCertificates")
    void xtlsServerRejectsAClientCertificateItsTrustManagerRefusesNamingIt(Peer clientPeer, String credentialName,
            String alert) {
        Credential c = credential(credentialName);
        X509ExtendedKeyManager offersItAnyway = new RecordingKeyManager(pki.keyManager(c), true);
        Failure f = expectFailure(client(clientPeer, offersItAnyway, pki.trustManager()),
                serverOf(Peer.XTLS, Mode.NEED));

        assertEquals(alert, f.alertReceivedBy(Role.CLIENT).orElseThrow());
        String m = message(f, Role.SERVER);
        assertTrue(m.contains("client certificate " + c.leaf().getSubjectX500Principal().getName()), m);
    }

    /** A trust store with both test roots: the CertificateRequest must name exactly these two. */
    private static KeyStore twoRoots() throws Exception {
        KeyStore ks = pki.trustStore();
        ks.setCertificateEntry("untrusted-root", pki.untrustedCaCertificate());
        return ks;
    }

    private static Set<X500Principal> rootNames() {
        return Set.of(pki.caCertificate().getSubjectX500Principal(),
                pki.untrustedCaCertificate().getSubjectX500Principal());
    }

    @ParameterizedTest(name = "{0} client")
    @MethodSource("otherPeers")
    void xtlsServerRequestsCertificatesFromItsTrustManagersAcceptedIssuers(Peer clientPeer) throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager(pki.keyManager(pki.ecdsaP256()), false);
        SSLEngine server = server(Peer.XTLS, twoRoots(), pki.keyStore(pki.ecdsaP256()), Mode.NEED);
        EnginePair pair = EnginePair.of(client(clientPeer, keys, pki.trustManager()), server,
                EnginePair.Mode.NORMAL);
        pair.handshake();

        CertificateRequest request = ClientAuthSetup.certificateRequest(pair.records(Role.SERVER));
        assertEquals(List.of(CertificateRequest.ECDSA_SIGN, CertificateRequest.RSA_SIGN), request.certificateTypes());
        Set<Bytes> expected = rootNames().stream().map(p -> Bytes.wrap(p.getEncoded())).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(request.certificateAuthorities()));
        assertEquals(rootNames(), Set.copyOf(keys.clientRequests().get(0).issuers()));
    }

    @ParameterizedTest(name = "{0} server")
    @MethodSource("otherPeers")
    void xtlsClientAsksItsKeyManagerWithTheServersKeyTypesAndIssuers(Peer serverPeer) throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager(pki.keyManager(pki.rsa2048()), false);
        SSLEngine server = server(serverPeer, twoRoots(), pki.keyStore(pki.ecdsaP256()), Mode.NEED);
        EnginePair.of(client(Peer.XTLS, keys, pki.trustManager()), server, EnginePair.Mode.NORMAL).handshake();

        RecordingKeyManager.ClientRequest asked = keys.clientRequests().get(0);
        assertEquals(List.of("EC", "EdDSA", "RSA", "RSASSA-PSS"), asked.keyTypes()); // RFC 8422 §5.5, RFC 8446 §4.2.3
        assertEquals(rootNames(), Set.copyOf(asked.issuers()));
        // the JDK's key manager only picks chains whose signatures the server accepts, read from the session
        assertTrue(asked.peerSignatureAlgorithms().contains("SHA256withECDSA"), asked.toString());
        assertArrayEquals(pki.rsa2048().chain(), server.getSession().getPeerCertificates());
    }
}
