package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.message.Alert;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertifiedKey;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a peer can make an established connection send or keep: renegotiation requests (RFC 5246 §7.4.1.1),
 * warning alerts (§7.2) and empty records must each cost a bounded answer, never one answer per request.
 */
class RenegotiationAndAlertFloodTest {
    private static final byte[] HELLO_REQUEST = {0, 0, 0, 0};
    private static final byte[] EMPTY_CLIENT_HELLO = {1, 0, 0, 0};
    /** A ClientHello that decodes: TLS 1.2, zero random, no session id, one suite, null compression. */
    private static final byte[] MINIMAL_CLIENT_HELLO = minimalClientHello();
    private static final int FLOOD_RECORDS = 64;
    private static CertifiedKey key;

    @BeforeAll
    static void key() throws Exception {
        key = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
    }

    private static byte[] minimalClientHello() {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 32 + 1 + 4 + 2);
        b.put((byte) 1).put((byte) 0).putShort((short) (2 + 32 + 1 + 4 + 2));
        b.put((byte) 3).put((byte) 3).put(new byte[32]).put((byte) 0);
        b.putShort((short) 2).putShort((short) 0xC02B).put((byte) 1).put((byte) 0);
        return b.array();
    }

    private static ConnectionPair established(CipherSuite suite) {
        List<CipherSuite> suites = List.of(suite);
        ConnectionPair pair = new ConnectionPair(new TlsConnection(ConnectionPair.config(true, suites, null)),
                new TlsConnection(ConnectionPair.config(false, suites, key)));
        pair.handshake();
        return pair;
    }

    /** Unwraps one record; returns the exception it ended the connection with, or null. */
    private static TlsException unwrap(TlsConnection c, ByteBuffer record) {
        try {
            c.unwrap(record, new ByteBuffer[] {ByteBuffer.allocate(1 << 15)}, 0, 1);
            return null;
        } catch (TlsException e) {
            return e;
        }
    }

    /** Wraps until nothing more comes out; returns everything sent. */
    private static ByteBuffer drain(TlsConnection c) {
        ByteBuffer all = ByteBuffer.allocate(64 << 20);
        ByteBuffer dst = ByteBuffer.allocate(TlsConnection.maxPacketSize());
        for (int i = 0; i < 1_000_000; i++) {
            dst.clear();
            Outcome o = c.wrap(new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, 1, dst);
            all.put(dst.flip());
            if (o.bytesProduced() == 0 || o.status() == Status.CLOSED) {
                break;
            }
        }
        return all.flip();
    }

    /** Alerts in {@code wire} as the peer reads them: warnings returned, a fatal one thrown. */
    private static AlertDescription fatalAlertReadBy(TlsConnection peer, ByteBuffer wire) {
        for (int i = 0; i < 1_000_000 && wire.hasRemaining(); i++) {
            TlsException e = unwrap(peer, wire);
            if (e != null) {
                assertTrue(e.receivedFromPeer(), e.getMessage());
                return e.alert();
            }
        }
        throw new AssertionError("the peer received no fatal alert");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * The first HelloRequest starts a renegotiation (RFC 5746): one ClientHello. Those after it arrive during
     * that handshake: a few are ignored (RFC 5246 §7.4.1.1), then the connection ends.
     */
    @ParameterizedTest
    @ValueSource(ints = {0xC02B, 0xC009}) // AES-128-GCM and AES-128-CBC-SHA
    void aFloodOfHelloRequestsIsAnsweredWithOneClientHelloThenUnexpectedMessage(int suiteCode) {
        ConnectionPair pair = established(new CipherSuite(suiteCode));
        PeerRecords server = new PeerRecords(pair.server);
        byte[] fourThousand = PeerRecords.repeated(HELLO_REQUEST, (1 << 14) / HELLO_REQUEST.length);
        long heapBefore = usedHeap();
        long bytesIn = 0;
        TlsException failure = null;
        // an SSLEngine user that unwraps everything before it wraps: what does the client hold?
        for (int i = 0; i < FLOOD_RECORDS && failure == null; i++) {
            ByteBuffer record = server.seal(ContentType.HANDSHAKE, fourThousand);
            bytesIn += record.remaining();
            failure = unwrap(pair.client, record);
        }
        long heapGrowth = usedHeap() - heapBefore;
        ByteBuffer out = drain(pair.client);
        System.out.printf("flood of HelloRequests, %s: bytes in %d, bytes out %d (%.2fx), heap growth %d KiB%n",
                new CipherSuite(suiteCode).name(), bytesIn, out.remaining(), (double) out.remaining() / bytesIn,
                heapGrowth / 1024);
        assertTrue(failure != null && failure.alert().equals(AlertDescription.UNEXPECTED_MESSAGE),
                "the flood ends the connection: " + failure);
        assertTrue(failure.getMessage().contains("HelloRequests during the handshake"), failure.getMessage());
        assertTrue(out.remaining() <= 1024, "one ClientHello and one fatal alert, not " + out.remaining() + " bytes");
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, fatalAlertReadBy(pair.server, out));
    }

    @Test
    void aFloodOfClientHellosIsAnsweredWithOneWarningThenUnexpectedMessage() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        pair.client.renegotiate();
        ByteBuffer clientHello = drain(pair.client);
        byte[] hello = new byte[clientHello.remaining()];
        clientHello.get(hello);
        // the same encrypted ClientHello cannot be replayed (sequence numbers); seal its plaintext again instead
        TlsException refusedTwice = null;
        int requests = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        PeerRecords client = new PeerRecords(pair.client);
        ByteBuffer first = ByteBuffer.wrap(hello);
        bytesIn += first.remaining();
        requests++;
        assertEquals(null, unwrap(pair.server, first));
        bytesOut += drain(pair.server).remaining();
        for (int i = 0; i < FLOOD_RECORDS && refusedTwice == null; i++) {
            ByteBuffer record = client.seal(ContentType.HANDSHAKE, MINIMAL_CLIENT_HELLO);
            bytesIn += record.remaining();
            requests++;
            refusedTwice = unwrap(pair.server, record);
        }
        bytesOut += drain(pair.server).remaining();
        System.out.printf("flood of renegotiation ClientHellos (refused by default): requests in %d, bytes in %d,"
                + " bytes out %d, outcome %s%n", requests, bytesIn, bytesOut, refusedTwice);
        assertEquals(2, requests, "the second request ends the connection");
        assertTrue(refusedTwice != null && refusedTwice.alert().equals(AlertDescription.UNEXPECTED_MESSAGE),
                "unexpected_message, not " + refusedTwice);
        assertTrue(refusedTwice.getMessage().contains("jdk.tls.rejectClientInitiatedRenegotiation"),
                refusedTwice.getMessage());
        assertTrue(bytesOut <= 2 * 64, "one warning and one fatal alert, not " + bytesOut + " bytes");
    }

    @Test
    void aRefusedClientInitiatedRenegotiationLeavesTheConnectionGoingOn() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        pair.client.renegotiate();
        ByteBuffer[] app = {ByteBuffer.allocate(1 << 15)};
        pair.server.unwrap(drain(pair.client), app, 0, 1); // the ClientHello: answered with no_renegotiation
        pair.client.unwrap(drain(pair.server), app, 0, 1); // the warning: the client goes back to its session
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, pair.client.handshakeStatus());
        byte[] data = "still here".getBytes();
        assertArrayEquals(data, pair.send(pair.server, pair.client, data));
        assertArrayEquals(data, pair.send(pair.client, pair.server, data));
    }

    @Test
    void answersAClientHelloWithoutABodyWithDecodeError() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        TlsException e = unwrap(pair.server, new PeerRecords(pair.client).seal(ContentType.HANDSHAKE,
                PeerRecords.repeated(EMPTY_CLIENT_HELLO, 4096)));
        assertTrue(e != null && e.alert().equals(AlertDescription.DECODE_ERROR), "decode_error, not " + e);
        assertEquals(AlertDescription.DECODE_ERROR, fatalAlertReadBy(pair.client, drain(pair.server)));
    }

    @Test
    void answersAHelloRequestWithABodyWithDecodeError() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        TlsException e = unwrap(pair.client, new PeerRecords(pair.server).seal(ContentType.HANDSHAKE,
                new byte[] {0, 0, 0, 1, 7}));
        assertTrue(e != null && e.alert().equals(AlertDescription.DECODE_ERROR), "decode_error, not " + e);
    }

    @Test
    void answersAFifthConsecutiveWarningAlertWithUnexpectedMessage() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        PeerRecords client = new PeerRecords(pair.client);
        byte[] warning = new Alert(AlertLevel.WARNING, AlertDescription.USER_CANCELED).encode();
        for (int i = 0; i < 4; i++) {
            assertEquals(null, unwrap(pair.server, client.seal(ContentType.ALERT, warning)));
        }
        TlsException e = unwrap(pair.server, client.seal(ContentType.ALERT, warning));
        assertTrue(e != null && e.alert().equals(AlertDescription.UNEXPECTED_MESSAGE), "unexpected_message, not " + e);
        assertTrue(e.getMessage().contains("too many warning alerts"), e.getMessage());
    }

    @Test
    void applicationDataBetweenWarningAlertsStartsTheCountAgain() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        PeerRecords client = new PeerRecords(pair.client);
        byte[] warning = new Alert(AlertLevel.WARNING, AlertDescription.USER_CANCELED).encode();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(null, unwrap(pair.server, client.seal(ContentType.ALERT, warning)));
            }
            assertEquals(null, unwrap(pair.server, client.seal(ContentType.APPLICATION_DATA, new byte[] {1})));
        }
    }

    @Test
    void answersTheThirtyThirdConsecutiveEmptyApplicationDataRecordWithUnexpectedMessage() {
        ConnectionPair pair = established(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        PeerRecords client = new PeerRecords(pair.client);
        for (int i = 0; i < 32; i++) {
            assertEquals(null, unwrap(pair.server, client.seal(ContentType.APPLICATION_DATA, new byte[0])));
        }
        assertEquals(null, unwrap(pair.server, client.seal(ContentType.APPLICATION_DATA, new byte[] {1})));
        for (int i = 0; i < 32; i++) {
            assertEquals(null, unwrap(pair.server, client.seal(ContentType.APPLICATION_DATA, new byte[0])));
        }
        TlsException e = unwrap(pair.server, client.seal(ContentType.APPLICATION_DATA, new byte[0]));
        assertTrue(e != null && e.alert().equals(AlertDescription.UNEXPECTED_MESSAGE), "unexpected_message, not " + e);
        assertTrue(e.getMessage().contains("empty records"), e.getMessage());
    }

    @Test
    void refusesManyHelloRequestsWhileWaitingForServerHello() {
        TlsConnection client = new TlsConnection(ConnectionPair.config(true,
                List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), null));
        client.beginHandshake();
        drain(client);
        byte[] helloRequests = PeerRecords.repeated(HELLO_REQUEST, 4096);
        ByteBuffer record = ByteBuffer.allocate(5 + helloRequests.length).put(new byte[] {22, 3, 3, 0x40, 0})
                .put(helloRequests).flip();
        TlsException e = assertThrows(TlsException.class,
                () -> client.unwrap(record, new ByteBuffer[] {ByteBuffer.allocate(1 << 15)}, 0, 1));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains("HelloRequest"), e.getMessage());
    }

    @Test
    void ignoresAHelloRequestWhileWaitingForTheServersChangeCipherSpec() {
        List<CipherSuite> suites = List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        TlsConnection client = new TlsConnection(ConnectionPair.config(true, suites, null));
        TlsConnection server = new TlsConnection(ConnectionPair.config(false, suites, key));
        client.beginHandshake();
        unwrapAll(server, drain(client));
        ByteBuffer serverFlight = drain(server);
        ByteBuffer withHelloRequest = ByteBuffer.allocate(serverFlight.remaining() + 9).put(serverFlight)
                .put(new byte[] {22, 3, 3, 0, 4}).put(HELLO_REQUEST).flip();
        unwrapAll(client, withHelloRequest); // RFC 5246 §7.4.1.1: ignored while negotiating, not fatal
        unwrapAll(server, drain(client));
        unwrapAll(client, drain(server));
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.handshakeStatus());
        assertTrue(client.session() != null, "the handshake completed");
    }

    private static void unwrapAll(TlsConnection c, ByteBuffer wire) {
        for (int i = 0; i < 1000 && wire.hasRemaining(); i++) {
            c.unwrap(wire, new ByteBuffer[] {ByteBuffer.allocate(1 << 15)}, 0, 1);
        }
    }
}
