package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.SessionStore;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.x509.CertifiedKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core's side of resumption, through the SessionStore seam alone: no JSSE, no session context. */
class TlsConnectionResumptionTest {
    private static final CipherSuite ECDSA_128 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite ECDSA_256 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;
    private static CertifiedKey key;

    @BeforeAll
    static void key() throws Exception {
        key = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
    }

    /** A map by id, plus by host:port for a client; records every store. */
    private static final class MapStore implements SessionStore {
        final Map<Bytes, SessionState> byId = new LinkedHashMap<>();
        final List<SessionState> stored = new ArrayList<>();

        @Override
        public Optional<SessionState> find(Bytes sessionId) {
            return Optional.ofNullable(byId.get(sessionId));
        }

        @Override
        public Optional<SessionState> findForPeer(String host, int port) {
            return stored.isEmpty() ? Optional.empty() : Optional.of(stored.get(stored.size() - 1));
        }

        @Override
        public void store(SessionState session) {
            stored.add(session);
            byId.put(session.sessionId(), session);
        }
    }

    private static HandshakeConfig config(boolean client, List<CipherSuite> suites, SessionStore store) {
        HandshakeConfig c = ConnectionPair.config(client, suites, client ? null : key);
        return new HandshakeConfig(c.clientMode(), c.versions(), c.cipherSuites(), c.namedGroups(),
                c.signatureSchemes(), c.honorServerCipherSuiteOrder(), c.clientAuth(), c.serverNames(), c.peerHost(),
                c.peerPort(), c.maxHandshakeMessageSize(), c.extendedMasterSecret(), c.applicationProtocols(),
                c.serverNameMatcher(), c.crypto(), c.credentials(), c.peerVerifier(), c.clock(), store, true);
    }

    private static ConnectionPair handshake(MapStore clientStore, List<CipherSuite> clientSuites,
            MapStore serverStore) {
        ConnectionPair pair = new ConnectionPair(new TlsConnection(config(true, clientSuites, clientStore)),
                new TlsConnection(config(false, List.of(ECDSA_128, ECDSA_256), serverStore)));
        pair.handshake();
        return pair;
    }

    @Test
    void fullHandshakeStoresTheSessionOnBothSidesAndTheNextOneResumesIt() {
        MapStore clientStore = new MapStore();
        MapStore serverStore = new MapStore();
        ConnectionPair first = handshake(clientStore, List.of(ECDSA_128), serverStore);
        assertFalse(first.client.sessionResumed());
        assertEquals(List.of(first.client.session()), clientStore.stored);
        assertEquals(List.of(first.server.session()), serverStore.stored);
        assertEquals(32, first.server.session().sessionId().length());

        ConnectionPair second = handshake(clientStore, List.of(ECDSA_128), serverStore);
        assertTrue(second.client.sessionResumed());
        assertTrue(second.server.sessionResumed());
        assertEquals(first.client.session().sessionId(), second.client.session().sessionId());
        assertEquals(first.server.session().sessionId(), second.server.session().sessionId());
        assertSame(first.client.session().masterSecret(), second.client.session().masterSecret());
        assertEquals(1, clientStore.stored.size(), "a resumed session is not stored again");
        assertEquals(1, serverStore.stored.size());
        byte[] data = "resumed".getBytes();
        assertArrayEquals(data, second.send(second.client, second.server, data));
        assertArrayEquals(data, second.send(second.server, second.client, data));
    }

    @Test
    void clientDoesNotOfferASessionWhoseSuiteItNoLongerOffers() {
        MapStore clientStore = new MapStore();
        MapStore serverStore = new MapStore();
        ConnectionPair first = handshake(clientStore, List.of(ECDSA_128), serverStore);
        ConnectionPair second = handshake(clientStore, List.of(ECDSA_256), serverStore);
        assertFalse(second.client.sessionResumed());
        assertNotEquals(first.client.session().sessionId(), second.client.session().sessionId());
        assertEquals(ECDSA_256, second.client.session().cipherSuite());
    }
}
