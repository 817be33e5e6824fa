package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.SessionStore;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.x509.PeerVerifier;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * closeOutbound() while the peer's flight is being processed (RFC 5246 §7.2.1): after user_canceled and
 * close_notify nothing else may be written, and the half-made session is neither established nor stored.
 */
class CloseDuringHandshakeTest {
    private static final List<CipherSuite> SUITES = List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    private static final byte[] USER_CANCELED = {21, 3, 3, 0, 2, 1, 90};
    private static final byte[] CLOSE_NOTIFY = {21, 3, 3, 0, 2, 1, 0};

    /** Records every store. */
    private static final class ListStore implements SessionStore {
        final List<SessionState> stored = new ArrayList<>();

        @Override
        public Optional<SessionState> find(Bytes sessionId) {
            return Optional.empty();
        }

        @Override
        public Optional<SessionState> findForPeer(String host, int port) {
            return Optional.empty();
        }

        @Override
        public void store(SessionState session) {
            stored.add(session);
        }
    }

    /** A client config whose trust check runs {@code duringVerification} (the moment another thread closes). */
    private static HandshakeConfig clientConfig(Runnable duringVerification, SessionStore store) {
        HandshakeConfig c = ConnectionPair.config(true, SUITES, null);
        PeerVerifier verifier = new PeerVerifier() {
            @Override
            public void verifyServer(List<X509Certificate> chain, String authType) {
                duringVerification.run();
            }

            @Override
            public void verifyClient(List<X509Certificate> chain, String authType) {
            }

            @Override
            public List<Bytes> acceptedIssuerNames() {
                return List.of();
            }
        };
        return new HandshakeConfig(c.clientMode(), c.versions(), c.cipherSuites(), c.namedGroups(),
                c.signatureSchemes(), c.honorServerCipherSuiteOrder(), c.clientAuth(), c.serverNames(), c.peerHost(),
                c.peerPort(), c.maxHandshakeMessageSize(), c.extendedMasterSecret(), c.applicationProtocols(),
                c.serverNameMatcher(), c.crypto(), c.credentials(), verifier, c.clock(), store, true);
    }

    private static ByteBuffer drain(TlsConnection c) {
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        ByteBuffer dst = ByteBuffer.allocate(TlsConnection.maxPacketSize());
        for (int i = 0; i < 100; i++) {
            dst.clear();
            Outcome o = c.wrap(new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, 1, dst);
            all.put(dst.flip());
            if (o.bytesProduced() == 0 || o.status() == Status.CLOSED) {
                break;
            }
        }
        return all.flip();
    }

    private static void unwrapAll(TlsConnection c, ByteBuffer wire) {
        for (int i = 0; i < 100 && wire.hasRemaining(); i++) {
            Outcome o = c.unwrap(wire, new ByteBuffer[] {ByteBuffer.allocate(1 << 15)}, 0, 1);
            if (o.status() == Status.CLOSED) {
                return;
            }
        }
    }

    @Test
    void closingWhileTheServersFlightIsProcessedSendsOnlyTheAlertsAndEstablishesNothing() throws Exception {
        ListStore store = new ListStore();
        TlsConnection[] client = new TlsConnection[1];
        client[0] = new TlsConnection(clientConfig(() -> client[0].closeOutbound(), store));
        TlsConnection server = new TlsConnection(ConnectionPair.config(false, SUITES,
                ConnectionPair.selfSigned("EC", "SHA256withECDSA")));
        client[0].beginHandshake();
        unwrapAll(server, drain(client[0]));
        unwrapAll(client[0], drain(server)); // Certificate, ServerKeyExchange, ServerHelloDone in one record

        ByteBuffer sent = drain(client[0]);
        byte[] bytes = new byte[sent.remaining()];
        sent.get(bytes);
        byte[] alerts = ByteBuffer.allocate(14).put(USER_CANCELED).put(CLOSE_NOTIFY).array();
        assertArrayEquals(alerts, bytes, "only user_canceled and close_notify, got " + Arrays.toString(bytes));
        assertTrue(client[0].isOutboundDone() && client[0].isInboundDone());
        assertNull(client[0].session(), "no session is established");
        assertNull(client[0].handshakeSession());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client[0].handshakeStatus());
        assertTrue(store.stored.isEmpty(), "nothing is stored for resumption");
    }
}
