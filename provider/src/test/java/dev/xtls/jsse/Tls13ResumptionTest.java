package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 resumption (RFC 8446 §2.2, §4.6.1, §4.2.11) between Xtls engines whose clocks the test holds: tickets
 * after the handshake, PSK with (EC)DHE, single-use tickets, and each case that gives a full handshake or an alert.
 * SunJSSE both ways is in {@code dev.xtls.interop.Tls13ResumptionPeersTest}; OpenSSL in the it-tests.
 */
class Tls13ResumptionTest {
    static final int PRE_SHARED_KEY = HelloExtensionReader.PRE_SHARED_KEY;
    static final int KEY_SHARE = HelloExtensionReader.KEY_SHARE;
    private static final String AES128 = "TLS_AES_128_GCM_SHA256";
    private static final String AES256 = "TLS_AES_256_GCM_SHA384";
    private static TestPki pki;
    private final AtomicLong serverNow = new AtomicLong(1_800_000_000_000L);
    private final AtomicLong clientNow = new AtomicLong(1_800_000_000_000L);
    private final XtlsSessionContext clientCache = new XtlsSessionContext(clientNow::get, true);
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private final class Server {
        final XtlsSessionContext cache = new XtlsSessionContext(serverNow::get);
        final SessionTickets tickets = new SessionTickets(cache, serverNow::get);
        final ContextState state;

        Server(Map<String, String> properties) {
            state = context(properties, clientCache, cache, tickets, serverNow);
        }

        Server() {
            this(Map.of());
        }

        SSLEngine engine(String... suites) {
            XtlsSSLEngine e = new XtlsSSLEngine(state, null, -1);
            e.setUseClientMode(false);
            return tls13(e, suites);
        }
    }

    private ContextState context(Map<String, String> properties, XtlsSessionContext clientSessions,
            XtlsSessionContext serverSessions, SessionTickets tickets, AtomicLong clock) {
        ContextState state = new ContextState(pki.keyManager(pki.ecdsaP256()), pki.trustManager(), random,
                TestContexts.defaults(properties, Map.of()), clientSessions, serverSessions, tickets,
                JcaTlsCrypto::new, clock::get);
        try {
            tickets.configure(new HashMap<>(properties)::get, state::crypto);
        } catch (KeyManagementException e) {
            throw new AssertionError(e);
        }
        return state;
    }

    private SSLEngine client(String... suites) {
        XtlsSessionContext unused = new XtlsSessionContext(clientNow::get);
        ContextState state = context(Map.of(), clientCache, unused, new SessionTickets(unused, clientNow::get),
                clientNow);
        XtlsSSLEngine e = new XtlsSSLEngine(state, "localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return tls13(e, suites);
    }

    private static SSLEngine tls13(SSLEngine e, String... suites) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setCipherSuites(suites.length > 0 ? suites : new String[] {AES128, AES256});
        e.setSSLParameters(p);
        return e;
    }

    static EnginePair connect(SSLEngine client, SSLEngine server) {
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
        return pair;
    }

    static byte[] helloExtension(EnginePair pair, Role from, int type) {
        return HelloExtensionReader.extension(pair, from, type);
    }

    static boolean resumed(EnginePair pair) {
        return HelloExtensionReader.resumedTls13(pair);
    }

    /** The ticket (identity 0) the ClientHello offers in pre_shared_key; null without one. */
    static byte[] offeredTicket(EnginePair pair) {
        byte[] psk = helloExtension(pair, Role.CLIENT, PRE_SHARED_KEY);
        if (psk == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(psk);
        b.getShort(); // identities length
        byte[] identity = new byte[b.getShort() & 0xFFFF];
        b.get(identity);
        return identity;
    }

    private byte[] cachedTicket() {
        return clientCache.findForPeer("localhost", 443).orElseThrow().state().ticket().toByteArray();
    }

    @Test
    void secondConnectionResumesWithPskAndEcdheAndKeepsThePeerCertificate() throws Exception {
        Server server = new Server();
        connect(client(), server.engine());
        SSLEngine client = client();
        EnginePair second = connect(client, server.engine());
        assertTrue(resumed(second), "RFC 8446 §4.2.11: ServerHello selects the PSK");
        assertNotNull(helloExtension(second, Role.SERVER, KEY_SHARE), "§4.2.9 psk_dhe_ke: a key share too");
        assertArrayEquals(new byte[] {0, 0}, helloExtension(second, Role.SERVER, PRE_SHARED_KEY));
        assertEquals("TLSv1.3", client.getSession().getProtocol());
        assertTrue(client.getSession().getPeerCertificates().length > 0, "the ticket keeps the server's chain");
    }

    @Test
    void aTicketIsOfferedOnceAndTheResumedConnectionBringsANewOne() {
        Server server = new Server();
        connect(client(), server.engine());
        byte[] first = cachedTicket();
        EnginePair second = connect(client(), server.engine());
        assertArrayEquals(first, offeredTicket(second));
        byte[] renewed = cachedTicket();
        assertFalse(java.util.Arrays.equals(first, renewed), "the used ticket left the cache, a new one came");
        EnginePair third = connect(client(), server.engine());
        assertArrayEquals(renewed, offeredTicket(third));
        assertTrue(resumed(third));
    }

    @Test
    void aTicketNotReceivedIsNotOfferedAgainAfterItsUse() {
        Server server = new Server(Map.of(SessionTickets.TLS13_TICKET_COUNT, "0"));
        EnginePair first = connect(client(), server.engine());
        assertNotNull(helloExtension(first, Role.CLIENT, HelloExtensionReader.PSK_KEY_EXCHANGE_MODES), "psk_key_exchange_modes is always sent");
        assertTrue(clientCache.findForPeer("localhost", 443).isEmpty(), "count 0: no NewSessionTicket");
        EnginePair second = connect(client(), server.engine());
        assertNull(offeredTicket(second));
    }

    @Test
    void newSessionTicketCountIsHonoured() {
        Server server = new Server(Map.of(SessionTickets.TLS13_TICKET_COUNT, "3"));
        connect(client(), server.engine());
        assertEquals(3, Collections.list(clientCache.getIds()).size());
    }

    @Test
    void aTicketOlderThanItsLifetimeIsNotOffered() {
        Server server = new Server();
        server.cache.setSessionTimeout(600);
        connect(client(), server.engine());
        clientNow.addAndGet(600_000);
        serverNow.addAndGet(600_000);
        EnginePair second = connect(client(), server.engine());
        assertNull(offeredTicket(second), "RFC 8446 §4.2.11.1");
        assertFalse(resumed(second));
    }

    @Test
    void aTicketOfASessionPastTheClientContextsTimeoutIsNotOffered() {
        Server server = new Server();
        connect(client(), server.engine());
        clientCache.setSessionTimeout(60); // SSLSessionContext: from the session's creation, as for TLS 1.2
        clientNow.addAndGet(60_000);
        assertNull(offeredTicket(connect(client(), server.engine())));
    }

    @Test
    void invalidatingTheFirstSessionWithdrawsTheTicketsOfAConnectionResumedFromIt() {
        Server server = new Server();
        SSLEngine first = client();
        connect(first, server.engine());
        assertTrue(resumed(connect(client(), server.engine())));
        first.getSession().invalidate(); // SunJSSE: a session's child sessions are invalidated with it
        assertNull(offeredTicket(connect(client(), server.engine())));
    }

    @Test
    void aTicketExpiredOnTheServerGivesAFullHandshake() {
        Server server = new Server();
        server.cache.setSessionTimeout(600);
        connect(client(), server.engine());
        serverNow.addAndGet(601_000);
        clientNow.addAndGet(590_000); // within tolerance of the server's view, within the client's lifetime
        EnginePair second = connect(client(), server.engine());
        assertNotNull(offeredTicket(second));
        assertFalse(resumed(second));
    }

    @Test
    void aTicketAgeOutOfToleranceGivesAFullHandshake() {
        Server server = new Server();
        connect(client(), server.engine());
        serverNow.addAndGet(30_000); // the client says 0 s; the server counts 30 s, beyond the 10 s allowed
        EnginePair second = connect(client(), server.engine());
        assertNotNull(offeredTicket(second));
        assertFalse(resumed(second), "RFC 8446 §8.3");
    }

    @Test
    void aTicketAgeWithinToleranceResumes() {
        Server server = new Server();
        connect(client(), server.engine());
        serverNow.addAndGet(9_000);
        assertTrue(resumed(connect(client(), server.engine())));
    }

    @Test
    void afterAHelloRetryRequestTheSecondClientHelloCarriesTheTicketWithANewBinder() {
        Server server = new Server(Map.of("jdk.tls.namedGroups", "secp384r1")); // the client's share is x25519
        connect(client(), server.engine());
        byte[] ticket = cachedTicket();
        EnginePair second = connect(client(), server.engine());
        assertEquals(2, HelloExtensionReader.tls13Plaintext(second, Role.CLIENT).stream()
                .filter(m -> m.type() == PlaintextHandshake.CLIENT_HELLO).count(), "a HelloRetryRequest came");
        byte[] first = HelloExtensionReader.extension(second, Role.CLIENT, PRE_SHARED_KEY, false);
        byte[] retried = HelloExtensionReader.extension(second, Role.CLIENT, PRE_SHARED_KEY, true);
        assertArrayEquals(ticket, offeredTicket(second));
        assertFalse(java.util.Arrays.equals(first, retried), "RFC 8446 §4.2.11.2: the binder covers the new"
                + " transcript");
        assertTrue(resumed(second));
    }

    @Test
    void aTamperedBinderEndsInDecryptError() {
        Server server = new Server();
        connect(client(), server.engine());
        // the binder is the ClientHello's last bytes: pre_shared_key is its last extension (§4.2.11)
        UnaryOperator<ByteBuffer> flipLastByte = new UnaryOperator<>() {
            private boolean done;

            @Override
            public ByteBuffer apply(ByteBuffer record) {
                WireRecord r = new WireRecord(toArray(record));
                if (done || r.contentType() != WireRecord.HANDSHAKE) {
                    return record;
                }
                done = true;
                byte[] b = r.bytes();
                b[b.length - 1] ^= 1;
                return ByteBuffer.wrap(b);
            }
        };
        Failure f = EnginePair.builder(client(), server.engine()).lenient().intercept(Role.CLIENT, flipLastByte)
                .build().expectHandshakeFailure();
        assertEquals("decrypt_error", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        assertTrue(f.of(Role.SERVER).orElseThrow().getMessage().contains("binder"),
                f.of(Role.SERVER).orElseThrow().getMessage());
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void aTicketForAnotherServerNameIsNotOffered() {
        Server server = new Server();
        connect(client(), server.engine());
        SSLEngine other = client();
        SSLParameters p = other.getSSLParameters();
        p.setServerNames(List.of(new javax.net.ssl.SNIHostName("other.example")));
        other.setSSLParameters(p);
        EnginePair pair = connect(other, server.engine());
        assertNull(offeredTicket(pair), "RFC 8446 §4.6.1: a ticket is for the name it was made for");
    }

    @Test
    void aServerChoosingASuiteWithAnotherHashGivesAFullHandshake() {
        Server server = new Server();
        connect(client(AES128), server.engine(AES128));
        SSLEngine serverEngine = server.engine(AES256, AES128);
        SSLParameters p = serverEngine.getSSLParameters();
        p.setUseCipherSuitesOrder(true);
        serverEngine.setSSLParameters(p);
        EnginePair second = connect(client(AES128, AES256), serverEngine);
        assertNotNull(offeredTicket(second));
        assertFalse(resumed(second), "RFC 8446 §4.2.11: the PSK's hash is SHA-256, the suite's SHA-384");
        assertEquals(AES256, second.engine(Role.CLIENT).getSession().getCipherSuite());
    }

    @Test
    void aClientOfferingOnlySuitesWithAnotherHashOffersNoTicket() {
        Server server = new Server();
        connect(client(AES128), server.engine());
        EnginePair second = connect(client(AES256), server.engine());
        assertNull(offeredTicket(second));
    }

    @Test
    void serverWithTicketsOffSendsNoneAndResumesNothing() {
        Server server = new Server(Map.of(SessionTickets.SERVER_SWITCH, "false"));
        connect(client(), server.engine());
        assertTrue(clientCache.findForPeer("localhost", 443).isEmpty());
    }
}
