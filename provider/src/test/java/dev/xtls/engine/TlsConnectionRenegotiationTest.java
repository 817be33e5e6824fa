package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.RenegotiationPolicy;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.RenegotiationInfo;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertifiedKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secure renegotiation (RFC 5746) between two Xtls connections: the new handshake re-enters the hello states,
 * application data goes on meanwhile, and every check that binds it to the connection refuses what breaks it.
 */
class TlsConnectionRenegotiationTest {
    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final List<CipherSuite> SUITES = List.of(SUITE);
    private static final RenegotiationPolicy ACCEPT_CLIENT_INITIATED = new RenegotiationPolicy(true, false,
            RenegotiationPolicy.DEFAULT_MAX_PEER_INITIATED);
    private static CertifiedKey serverKey;
    private static CertifiedKey otherServerKey;
    private static CertifiedKey clientKey;

    @BeforeAll
    static void keys() throws Exception {
        serverKey = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
        otherServerKey = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
        clientKey = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
    }

    /** An established pair; each side's renegotiations use its initial configuration changed by the operator. */
    private static ConnectionPair established(UnaryOperator<HandshakeConfig> clientNext,
            UnaryOperator<HandshakeConfig> serverNext, RenegotiationPolicy serverPolicy) {
        HandshakeConfig client = ConnectionPair.config(true, SUITES, clientKey);
        HandshakeConfig server = ConnectionPair.withRenegotiation(ConnectionPair.config(false, SUITES, serverKey),
                serverPolicy);
        ConnectionPair pair = new ConnectionPair(new TlsConnection(client, () -> clientNext.apply(client)),
                new TlsConnection(server, () -> serverNext.apply(server)));
        pair.handshake();
        return pair;
    }

    private static ConnectionPair established() {
        return established(c -> c, s -> s, RenegotiationPolicy.DEFAULT);
    }

    @Test
    void aServerInitiatedRenegotiationMakesANewSessionWhileDataFlowsBothWays() {
        ConnectionPair pair = established();
        byte[] before = pair.client.session().sessionId().toByteArray();
        pair.server.renegotiate(); // HelloRequest
        byte[] data = "during the renegotiation".getBytes();
        // the server's HelloRequest goes first, the client answers with a ClientHello: data crosses both
        assertArrayEquals(data, pair.send(pair.server, pair.client, data));
        assertEquals(HandshakeStatus.NEED_WRAP, pair.client.handshakeStatus(), "the client has a ClientHello");
        assertArrayEquals(data, pair.send(pair.client, pair.server, data));
        assertEquals(HandshakeStatus.NEED_WRAP, pair.server.handshakeStatus(), "the server has its flight");
        pair.exchange();
        assertEquals(2, pair.client.completedHandshakes());
        assertEquals(2, pair.server.completedHandshakes());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, pair.client.handshakeStatus());
        assertFalse(java.util.Arrays.equals(before, pair.client.session().sessionId().toByteArray()),
                "a new full handshake, a new session");
        assertEquals(pair.client.session().sessionId(), pair.server.session().sessionId());
        assertArrayEquals(data, pair.send(pair.client, pair.server, data), "the new keys work both ways");
        assertArrayEquals(data, pair.send(pair.server, pair.client, data));
    }

    @Test
    void aStepUpRenegotiationGetsTheClientCertificate() {
        ConnectionPair pair = established(c -> c, s -> ConnectionPair.withClientAuth(s, ClientAuth.NEED),
                RenegotiationPolicy.DEFAULT);
        assertEquals(List.of(), pair.server.session().peerCertificates());
        pair.server.renegotiate();
        pair.exchange();
        assertEquals(clientKey.chain(), pair.server.session().peerCertificates());
    }

    @Test
    void theClientStartsARenegotiationWhenTheServerAcceptsThem() {
        ConnectionPair pair = established(c -> c, s -> s, ACCEPT_CLIENT_INITIATED);
        pair.client.renegotiate();
        pair.exchange();
        assertEquals(2, pair.server.completedHandshakes());
        byte[] data = {1, 2, 3};
        assertArrayEquals(data, pair.send(pair.client, pair.server, data));
    }

    @Test
    void aClientInitiatedRenegotiationIsRefusedByDefaultOnceWithAWarningThenFatally() {
        ConnectionPair pair = established();
        pair.client.renegotiate();
        pair.exchange(); // ClientHello → no_renegotiation → the client goes back to the current session
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, pair.client.handshakeStatus());
        assertEquals(1, pair.client.completedHandshakes());
        byte[] data = "still here".getBytes();
        assertArrayEquals(data, pair.send(pair.client, pair.server, data));
        assertArrayEquals(data, pair.send(pair.server, pair.client, data));
        pair.client.renegotiate();
        TlsException e = assertThrows(TlsException.class, pair::exchange);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().contains("jdk.tls.rejectClientInitiatedRenegotiation=false"), e.getMessage());
    }

    @Test
    void clientInitiatedRenegotiationsAreRateLimited() {
        ConnectionPair pair = established(c -> c, s -> s, ACCEPT_CLIENT_INITIATED);
        int accepted = 0;
        for (int i = 0; i < RenegotiationPolicy.DEFAULT_MAX_PEER_INITIATED + 5; i++) {
            int before = pair.server.completedHandshakes();
            pair.client.renegotiate();
            try {
                pair.exchange();
            } catch (TlsException e) {
                assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
                assertTrue(e.getMessage().contains("at most " + RenegotiationPolicy.DEFAULT_MAX_PEER_INITIATED),
                        e.getMessage());
                System.out.printf("client-initiated renegotiations: %d requests, %d accepted, then refused%n",
                        i + 1, accepted);
                assertEquals(RenegotiationPolicy.DEFAULT_MAX_PEER_INITIATED, accepted);
                return;
            }
            accepted += pair.server.completedHandshakes() - before;
        }
        throw new AssertionError("no renegotiation was refused after " + accepted);
    }

    @Test
    void aRenegotiationClientHelloWithTamperedVerifyDataIsRefused() {
        ConnectionPair pair = established(c -> c, s -> s, ACCEPT_CLIENT_INITIATED);
        assertRefusedByServer(pair, clientHello(List.of(SUITE), true,
                new RenegotiationInfo(Bytes.wrap(new byte[12])).toExtension()), "does not match");
    }

    @Test
    void aRenegotiationClientHelloWithoutRenegotiationInfoIsRefused() {
        ConnectionPair pair = established(c -> c, s -> s, ACCEPT_CLIENT_INITIATED);
        assertRefusedByServer(pair, clientHello(List.of(SUITE), true), "lacks renegotiation_info");
    }

    @Test
    void aRenegotiationClientHelloWithTheScsvIsRefused() {
        ConnectionPair pair = established(c -> c, s -> s, ACCEPT_CLIENT_INITIATED);
        assertRefusedByServer(pair, clientHello(List.of(SUITE, CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV),
                true), "SCSV");
    }

    private static void assertRefusedByServer(ConnectionPair pair, ClientHello hello, String why) {
        ByteBuffer record = new PeerRecords(pair.client).seal(ContentType.HANDSHAKE, hello.encode());
        TlsException e = assertThrows(TlsException.class,
                () -> pair.server.unwrap(record, new ByteBuffer[] {ByteBuffer.allocate(1 << 15)}, 0, 1));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aRenegotiationServerHelloWithTamperedVerifyDataIsRefused() {
        ConnectionPair pair = established();
        pair.client.renegotiate();
        ServerHello hello = new ServerHello(ProtocolVersion.TLS12, Bytes.wrap(new byte[32]), Bytes.wrap(new byte[32]),
                SUITE, 0, Extensions.of(new RenegotiationInfo(Bytes.wrap(new byte[24])).toExtension(),
                ExtendedMasterSecret.extension()));
        ByteBuffer record = new PeerRecords(pair.server).seal(ContentType.HANDSHAKE, hello.encode());
        TlsException e = assertThrows(TlsException.class,
                () -> pair.client.unwrap(record, new ByteBuffer[] {ByteBuffer.allocate(1 << 15)}, 0, 1));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains("does not match the verify_data"), e.getMessage());
    }

    @Test
    void aClientDroppingExtendedMasterSecretInARenegotiationIsRefused() {
        ConnectionPair pair = established(ConnectionPair::withoutExtendedMasterSecret, s -> s,
                ACCEPT_CLIENT_INITIATED);
        pair.client.renegotiate();
        TlsException e = assertThrows(TlsException.class, pair::exchange);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertTrue(e.getMessage().contains("lacks extended_master_secret"), e.getMessage());
    }

    @Test
    void aServerDroppingExtendedMasterSecretInARenegotiationIsRefused() {
        ConnectionPair pair = established(c -> c, ConnectionPair::withoutExtendedMasterSecret,
                RenegotiationPolicy.DEFAULT);
        pair.server.renegotiate();
        TlsException e = assertThrows(TlsException.class, pair::exchange);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertTrue(e.getMessage().contains("ServerHello lacks extended_master_secret"), e.getMessage());
    }

    @Test
    void aChangedServerCertificateIsRefusedUnlessThePolicyAllowsIt() {
        ConnectionPair pair = established(c -> c, s -> ConnectionPair.withCredential(s, otherServerKey),
                RenegotiationPolicy.DEFAULT);
        pair.server.renegotiate();
        TlsException e = assertThrows(TlsException.class, pair::exchange);
        assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert());
        assertTrue(e.getMessage().contains("jdk.tls.allowUnsafeServerCertChange=true"), e.getMessage());

        ConnectionPair allowed = established(c -> ConnectionPair.withRenegotiation(c,
                new RenegotiationPolicy(false, true, RenegotiationPolicy.DEFAULT_MAX_PEER_INITIATED)),
                s -> ConnectionPair.withCredential(s, otherServerKey), RenegotiationPolicy.DEFAULT);
        allowed.server.renegotiate();
        allowed.exchange();
        assertEquals(otherServerKey.chain(), allowed.client.session().peerCertificates());
        assertNotEquals(serverKey.chain(), allowed.client.session().peerCertificates());
    }

    /** A renegotiation ClientHello as an honest Xtls client would send it, with {@code extra} extensions. */
    private static ClientHello clientHello(List<CipherSuite> suites, boolean ems, Extension... extra) {
        List<Extension> ext = new ArrayList<>(List.of(
                new SupportedGroups(List.of(NamedGroup.X25519)).toExtension(),
                new EcPointFormats(Bytes.wrap(new byte[] {EcPointFormats.UNCOMPRESSED})).toExtension(),
                new SignatureAlgorithms(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).toExtension()));
        if (ems) {
            ext.add(ExtendedMasterSecret.extension());
        }
        ext.addAll(List.of(extra));
        return new ClientHello(ProtocolVersion.TLS12, Bytes.wrap(new byte[32]), Bytes.EMPTY, suites,
                Bytes.wrap(new byte[] {0}), new Extensions(ext));
    }
}
