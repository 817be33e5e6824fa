package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 against SunJSSE and Bouncy Castle JSSE beyond the plain handshake: client certificates both ways,
 * version negotiation with a TLS 1.2-only peer and the downgrade sentinel (RFC 8446 §4.1.3), and bad input
 * under 1.3 keys, each with the alert the peer receives (RFC 8446 §6.2).
 */
class Tls13PeersTest {
    private static final String TLS13 = "TLSv1.3";
    private static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};
    private static final int SERVER_HELLO = 2;
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    static Stream<Peer> otherPeers() {
        return Stream.of(Peer.SUN, Peer.BC);
    }

    private static SSLEngine engine(Peer peer, Role role, Credential credential, String... protocols) {
        return withProtocols(peer.engine(role, pki, credential),
                protocols.length == 0 ? new String[] {TLS13} : protocols);
    }

    /** A TLSv1.2 context's client enables no TLS 1.3 suite in SunJSSE: they are added in front. */
    private static SSLEngine withProtocols(SSLEngine e, String... protocols) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(protocols);
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        Arrays.stream(p.getCipherSuites()).filter(s -> !TLS13_SUITES.contains(s)).forEach(suites::add);
        p.setCipherSuites(suites.toArray(new String[0]));
        e.setSSLParameters(p);
        return e;
    }

    /** An engine whose key manager pairs {@code credential}'s certificate with a different private key. */
    private static SSLEngine withWrongKey(Peer peer, Role role) throws Exception {
        X509ExtendedKeyManager real = pki.keyManager(pki.ecdsaP256());
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey other = g.generateKeyPair().getPrivate();
        return withProtocols(Peer.engine(ClientAuthSetup.context(peer, new WrongKey(real, other), pki.trustManager()),
                role), TLS13);
    }

    private static void assertAlert(Failure f, Role receiver, String alert) {
        assertEquals(alert, f.alertReceivedBy(receiver).orElseThrow(() -> new AssertionError(
                "the peer received no alert; Xtls said: " + f.of(receiver.peer()).map(Throwable::getMessage))));
    }

    private static String message(Failure f, Role side) {
        return f.of(side).map(SSLException::getMessage).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("otherPeers")
    void anXtlsServerNeedingAClientCertificateGetsAndChecksOne(Peer clientPeer) throws Exception {
        SSLEngine client = engine(clientPeer, Role.CLIENT, pki.ecdsaP256());
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.rsa2048());
        server.setNeedClientAuth(true);
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertEquals(TLS13, server.getSession().getProtocol());
        assertTrue(server.getSession().getPeerCertificates()[0].toString().contains("ecdsa-p256"));
        pair.transfer(new byte[1000], new byte[1000]);
        pair.closeBoth();
        pair.assertLegalResults();
    }

    @ParameterizedTest
    @MethodSource("otherPeers")
    void anXtlsClientAnswersACertificateRequestWithItsCertificate(Peer serverPeer) {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, pki.rsa2048());
        SSLEngine server = engine(serverPeer, Role.SERVER, pki.ecdsaP256());
        server.setNeedClientAuth(true);
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertEquals(TLS13, client.getSession().getProtocol());
        assertEquals(1, client.getSession().getLocalCertificates().length);
        pair.transfer(new byte[1000], new byte[1000]);
        pair.closeBoth();
        pair.assertLegalResults();
    }

    @Test
    void anXtlsServerNeedingAClientCertificateAnswersAnEmptyOneWithCertificateRequired() {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, null);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.ecdsaP256());
        server.setNeedClientAuth(true);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertAlert(f, Role.CLIENT, "certificate_required");
        assertTrue(message(f, Role.SERVER).contains("no certificate"), message(f, Role.SERVER));
    }

    @Test
    void aTls13CapableXtlsClientNegotiatesTls12WithATls12OnlyServer() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, null, TLS13, "TLSv1.2");
        SSLEngine server = engine(Peer.SUN, Role.SERVER, pki.ecdsaP256(), "TLSv1.2");
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertEquals("TLSv1.2", client.getSession().getProtocol());
        pair.transfer(new byte[1000], new byte[1000]);
        pair.closeBoth();
        pair.assertLegalResults();
    }

    @Test
    void anXtlsServerWithoutTls13SuitesNegotiatesTls12WithAClientOfferingBoth() {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, null, TLS13, "TLSv1.2");
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.ecdsaP256(), TLS13, "TLSv1.2");
        server.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertEquals("TLSv1.2", server.getSession().getProtocol());
        assertEquals("TLSv1.2", client.getSession().getProtocol());
    }

    @Test
    void anXtlsClientRefusesATls12ServerHelloCarryingTheDowngradeSentinel() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, null, TLS13, "TLSv1.2");
        SSLEngine server = engine(Peer.SUN, Role.SERVER, pki.ecdsaP256(), "TLSv1.2");
        // ServerHello.random is bytes 11..42 of the record: 5 header, 4 message header, 2 version
        Failure f = EnginePair.builder(client, server).lenient().intercept(Role.SERVER,
                Tamper.handshake(SERVER_HELLO, r -> {
                    System.arraycopy(DOWNGRADE_TLS12, 0, r, 11 + 24, 8);
                    return r;
                })).build().expectHandshakeFailure();
        assertAlert(f, Role.SERVER, "illegal_parameter");
        assertTrue(message(f, Role.CLIENT).contains("downgrade sentinel"), message(f, Role.CLIENT));
    }

    @Test
    void aTls13CapableXtlsServerNegotiatingTls12StampsTheSentinel() {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, null, "TLSv1.2");
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.ecdsaP256(), TLS13, "TLSv1.2");
        List<byte[]> serverHellos = new CopyOnWriteArrayList<>();
        EnginePair pair = EnginePair.builder(client, server).intercept(Role.SERVER, buffer -> {
            byte[] r = new byte[buffer.remaining()];
            buffer.get(r);
            if (r[0] == WireRecord.HANDSHAKE && r[5] == SERVER_HELLO) {
                serverHellos.add(r);
            }
            return ByteBuffer.wrap(r);
        }).build();
        pair.handshake();
        assertEquals("TLSv1.2", server.getSession().getProtocol());
        assertArrayEquals(DOWNGRADE_TLS12, Arrays.copyOfRange(serverHellos.get(0), 11 + 24, 11 + 32));
    }

    @Test
    void anXtlsServerAnswersATamperedRecordUnderHandshakeKeysWithBadRecordMac() {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, null);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.ecdsaP256());
        // the client's first application_data-typed record is its encrypted Finished
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, Tamper.nth(WireRecord.APPLICATION_DATA, 0, Tamper::flipLastByte))
                .build().expectHandshakeFailure();
        assertAlert(f, Role.CLIENT, "bad_record_mac");
    }

    @Test
    void anXtlsClientAnswersATamperedEncryptedExtensionsRecordWithBadRecordMac() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, null);
        SSLEngine server = engine(Peer.SUN, Role.SERVER, pki.ecdsaP256());
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.SERVER, Tamper.nth(WireRecord.APPLICATION_DATA, 0, Tamper::flipLastByte))
                .build().expectHandshakeFailure();
        assertAlert(f, Role.SERVER, "bad_record_mac");
    }

    @Test
    void anXtlsClientAnswersACertificateVerifyMadeWithTheWrongKeyWithDecryptError() throws Exception {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, null);
        SSLEngine server = withWrongKey(Peer.SUN, Role.SERVER);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertAlert(f, Role.SERVER, "decrypt_error");
        assertTrue(message(f, Role.CLIENT).contains("CertificateVerify"), message(f, Role.CLIENT));
    }

    @Test
    void anXtlsServerAnswersAClientCertificateVerifyMadeWithTheWrongKeyWithDecryptError() throws Exception {
        SSLEngine client = withWrongKey(Peer.SUN, Role.CLIENT);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.ecdsaP256());
        server.setNeedClientAuth(true);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertAlert(f, Role.CLIENT, "decrypt_error");
        assertTrue(message(f, Role.SERVER).contains("CertificateVerify"), message(f, Role.SERVER));
    }

    @Test
    void anXtlsServerAnswersAChangeCipherSpecAfterTheHandshakeWithUnexpectedMessage() {
        SSLEngine client = engine(Peer.SUN, Role.CLIENT, null);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, pki.ecdsaP256());
        // RFC 8446 §5: after the peer's Finished a ChangeCipherSpec is an unexpected record
        UnaryOperator<ByteBuffer> ccsForFirstData = Tamper.nth(WireRecord.APPLICATION_DATA, 1,
                r -> new byte[] {WireRecord.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1});
        EnginePair pair = EnginePair.builder(client, server).lenient().intercept(Role.CLIENT, ccsForFirstData).build();
        pair.handshake();
        Failure f = pair.expectTransferFailure(new byte[100], new byte[0]);
        assertAlert(f, Role.CLIENT, "unexpected_message");
    }

    @ParameterizedTest
    @MethodSource("roles")
    void aKeyUpdateFromSunJsseSwitchesTheXtlsReadKeyAndDataGoesOnBothWays(Role sunSide) {
        // SunJSSE's beginHandshake on a TLS 1.3 connection sends KeyUpdate(update_requested) (RFC 8446 §4.6.3)
        SSLEngine client = engine(sunSide == Role.CLIENT ? Peer.SUN : Peer.XTLS, Role.CLIENT, null);
        SSLEngine server = engine(sunSide == Role.SERVER ? Peer.SUN : Peer.XTLS, Role.SERVER, pki.ecdsaP256());
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        byte[] up = new byte[100_000];
        byte[] down = new byte[100_000];
        new java.util.Random(4).nextBytes(up);
        new java.util.Random(6).nextBytes(down);
        pair.renegotiate(sunSide, up, down);
        pair.transfer(down, up);
        pair.closeBoth();
        // not assertLegalResults: SunJSSE reports FINISHED again for each KeyUpdate it sends or receives
        SSLEngine xtls = sunSide == Role.CLIENT ? server : client;
        assertTrue(xtls.isInboundDone() && xtls.isOutboundDone());
    }

    static Stream<Role> roles() {
        return Stream.of(Role.CLIENT, Role.SERVER);
    }

    /** A key manager that hands out the right certificate with the wrong private key. */
    static final class WrongKey extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager real;
        private final PrivateKey wrong;

        WrongKey(X509ExtendedKeyManager real, PrivateKey wrong) {
            this.real = real;
            this.wrong = wrong;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return real.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return real.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return real.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return real.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return real.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return real.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return real.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return real.getPrivateKey(alias) == null ? null : wrong;
        }
    }
}
