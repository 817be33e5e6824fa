package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.TicketKeyFiles;
import dev.xtls.spi.SessionCache;
import dev.xtls.wire.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5077 session tickets between Xtls engines whose clock the test holds: a ticket one server issues resumes on
 * another that shares its key file (a fleet), renewal after the file rotates, and each kind of ticket that must
 * give a full handshake instead (§3.4: never an alert). The peers SunJSSE, OpenSSL and GnuTLS are in
 * {@code dev.xtls.interop.SessionTicketInteropTest} and the it-tests.
 */
class SessionTicketTest {
    private static final int NEW_SESSION_TICKET = 4;
    private static final int SESSION_TICKET = 35;
    private static final int SERVER_NAME = 0;
    private static TestPki pki;
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final XtlsSessionContext clientCache = new XtlsSessionContext(now::get, true);
    private final SecureRandom random = new SecureRandom();
    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** One server of a fleet: its own id cache and tickets, keys from {@code keyFile} (null: random keys). */
    private final class Server {
        final XtlsSessionContext cache = new XtlsSessionContext(now::get);
        final SessionTickets tickets = new SessionTickets(cache, now::get);
        final ContextState state;

        final SharedSessionCache shared = new SharedSessionCache(tickets);

        Server(Path keyFile, Map<String, String> properties) {
            state = context(properties, cache, tickets, keyFile);
            cache.share(tickets, shared);
        }

        SSLEngine engine() {
            XtlsSSLEngine e = new XtlsSSLEngine(state, null, -1);
            e.setUseClientMode(false);
            return e;
        }
    }

    private ContextState context(Map<String, String> properties, XtlsSessionContext serverCache,
            SessionTickets tickets, Path keyFile) {
        ContextState state = new ContextState(pki.keyManager(pki.ecdsaP256()), pki.trustManager(), random,
                TestContexts.defaults(properties, Map.of()), clientCache, serverCache, tickets, JcaTlsCrypto::new,
                now::get);
        Map<String, String> p = new HashMap<>(properties);
        if (keyFile != null) {
            p.put(SessionTickets.KEY_FILE, keyFile.toString());
        }
        try {
            tickets.configure(p::get, state::crypto);
        } catch (KeyManagementException e) {
            throw new AssertionError(e);
        }
        return state;
    }

    private SSLEngine client(Map<String, String> properties) {
        XtlsSessionContext unusedServerCache = new XtlsSessionContext(now::get);
        ContextState state = context(properties, unusedServerCache, new SessionTickets(unusedServerCache, now::get),
                null);
        XtlsSSLEngine e = new XtlsSSLEngine(state, "localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private SSLEngine client() {
        return client(Map.of());
    }



    private static EnginePair connect(SSLEngine client, SSLEngine server) {
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
        return pair;
    }

    /** Connects with the first ClientHello rewritten; the handshake may fail afterwards (the transcript differs). */
    private static EnginePair connectRewritten(SSLEngine client, SSLEngine server, UnaryOperator<ByteBuffer> hello) {
        EnginePair pair = EnginePair.builder(client, server).lenient().intercept(Role.CLIENT, hello).build();
        pair.expectHandshakeFailure();
        return pair;
    }

    private static PlaintextHandshake flight(EnginePair pair, Role from) {
        return PlaintextHandshake.of(pair.records(from));
    }

    /** The SessionTicket extension's data in the client's first ClientHello; null without it. */
    static byte[] ticketOffered(EnginePair pair) {
        return HelloExtensionReader.extension(pair, Role.CLIENT, SESSION_TICKET);
    }

    private byte[] cachedTicket() {
        return clientCache.findForPeer("localhost", 443).orElseThrow().state().ticket().toByteArray();
    }

    private static boolean resumed(EnginePair pair) {
        return !flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE);
    }

    @Test
    void fullHandshakeIssuesATicketThatAnotherServerWithTheSameKeyFileResumes() throws IOException {
        Path keys = TicketKeyFiles.write(dir.resolve("keys"), TicketKeyFiles.newKey());
        Server a = new Server(keys, Map.of());
        Server b = new Server(keys, Map.of());
        SSLEngine firstClient = client();
        EnginePair first = connect(firstClient, a.engine());
        assertEquals(List.of(PlaintextHandshake.SERVER_HELLO, PlaintextHandshake.CERTIFICATE,
                PlaintextHandshake.SERVER_KEY_EXCHANGE, 14, NEW_SESSION_TICKET), flight(first, Role.SERVER).types(),
                "RFC 5077 §3.1 Figure 1: NewSessionTicket before the server's ChangeCipherSpec");
        assertArrayEquals(new byte[0], ticketOffered(first), "an empty SessionTicket extension asks for one");
        assertTrue(cachedTicket().length > 0, "the client keeps the ticket with the session");

        SSLEngine secondClient = client();
        EnginePair second = connect(secondClient, b.engine());
        assertTrue(resumed(second), "server B resumed A's session: " + flight(second, Role.SERVER).types());
        assertEquals(List.of(PlaintextHandshake.SERVER_HELLO), flight(second, Role.SERVER).types(),
                "no renewal: the ticket's key still seals");
        assertArrayEquals(cachedTicket(), ticketOffered(second));
        byte[] offeredId = flight(second, Role.CLIENT).helloSessionId();
        assertNotEquals(Bytes.wrap(firstClient.getSession().getId()), Bytes.wrap(offeredId),
                "RFC 5077 §3.4: a fresh session id goes with a ticket");
        assertArrayEquals(offeredId, flight(second, Role.SERVER).helloSessionId(), "the server echoes it");
        assertSame(firstClient.getSession(), secondClient.getSession(),
                "to the application a ticket resumption looks like one by id: the same session");
        assertEquals(List.of(), b.cache.getIds().hasMoreElements() ? List.of("id cached") : List.of(),
                "server B found the session in the ticket alone");
        assertEquals(firstClient.getSession().getPeerCertificates()[0],
                ((javax.net.ssl.SSLEngine) second.engine(Role.SERVER)).getSession().getLocalCertificates()[0],
                "the resumed server session reports its certificate from the ticket");
    }

    @Test
    void rotatedKeyFileRenewsOldTicketsAndDropsTheOldKeyLater() throws IOException {
        byte[] oldKey = TicketKeyFiles.newKey();
        byte[] newKey = TicketKeyFiles.newKey();
        Path keys = TicketKeyFiles.write(dir.resolve("keys"), oldKey);
        Server server = new Server(keys, Map.of());
        connect(client(), server.engine());
        byte[] oldTicket = cachedTicket();
        assertArrayEquals(Arrays.copyOf(oldKey, 16), Arrays.copyOf(oldTicket, 16), "the key name leads the ticket");

        TicketKeyFiles.write(dir.resolve("keys"), newKey, oldKey); // new key first, old one kept
        now.addAndGet(60_000); // past the key file's recheck interval
        EnginePair renewed = connect(client(), server.engine());
        assertEquals(List.of(PlaintextHandshake.SERVER_HELLO, NEW_SESSION_TICKET), flight(renewed, Role.SERVER).types(),
                "RFC 5077 §3.1 Figure 2: resumed, with a new ticket under the new key");
        assertArrayEquals(Arrays.copyOf(newKey, 16), Arrays.copyOf(cachedTicket(), 16));

        TicketKeyFiles.write(dir.resolve("keys"), newKey); // old key removed
        now.addAndGet(60_000);
        assertTrue(resumed(connect(client(), server.engine())), "the renewed ticket resumes");
    }

    @Test
    void recheckSecondsZeroSeesARotatedKeyFileOnTheNextHandshake() throws IOException {
        byte[] oldKey = TicketKeyFiles.newKey();
        byte[] newKey = TicketKeyFiles.newKey();
        Path keys = TicketKeyFiles.write(dir.resolve("keys"), oldKey);
        Server server = new Server(keys, Map.of(SessionTickets.KEY_FILE_RECHECK_SECONDS, "0"));
        connect(client(), server.engine());
        TicketKeyFiles.write(dir.resolve("keys"), newKey, oldKey); // the clock stands still: only the property makes the server look again
        EnginePair renewed = connect(client(), server.engine());
        assertTrue(resumed(renewed), "the old key still opens");
        assertArrayEquals(Arrays.copyOf(newKey, 16), Arrays.copyOf(cachedTicket(), 16), "the new key seals");
    }

    @Test
    void negativeRecheckSecondsFailsAtInitAndSaysWhy() throws IOException {
        Path keys = TicketKeyFiles.write(dir.resolve("keys"), TicketKeyFiles.newKey());
        XtlsSessionContext cache = new XtlsSessionContext(now::get);
        SessionTickets tickets = new SessionTickets(cache, now::get);
        ContextState state = new ContextState(null, null, random, TestContexts.plainDefaults(), clientCache, cache,
                tickets, JcaTlsCrypto::new, now::get);
        KeyManagementException e = assertThrows(KeyManagementException.class, () -> tickets.configure(Map.of(
                SessionTickets.KEY_FILE, keys.toString(), SessionTickets.KEY_FILE_RECHECK_SECONDS, "-1")::get,
                state::crypto));
        assertTrue(e.getMessage().contains(SessionTickets.KEY_FILE_RECHECK_SECONDS + "=-1"), e.getMessage());
    }

    @Test
    void ticketUnderAKeyTheServerNoLongerHasGivesAFullHandshake() throws IOException {
        Server a = new Server(TicketKeyFiles.write(dir.resolve("a"), TicketKeyFiles.newKey()), Map.of());
        Server b = new Server(TicketKeyFiles.write(dir.resolve("b"), TicketKeyFiles.newKey()), Map.of());
        connect(client(), a.engine());
        EnginePair second = connect(client(), b.engine());
        assertTrue(ticketOffered(second).length > 0);
        assertFalse(resumed(second), "unknown key: " + flight(second, Role.SERVER).types());
        assertTrue(flight(second, Role.SERVER).has(NEW_SESSION_TICKET), "and a new ticket");
    }

    @Test
    void tamperedTicketGivesAFullHandshake() {
        Server server = new Server(null, Map.of());
        connect(client(), server.engine());
        byte[] ticket = cachedTicket();
        for (int at : new int[] {0, 16, 28, ticket.length / 2, ticket.length - 1}) {
            byte[] bad = ticket.clone();
            bad[at] ^= 0x01;
            UnaryOperator<ByteBuffer> without = HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO,
                    SESSION_TICKET);
            UnaryOperator<ByteBuffer> with = HelloExtensions.with(PlaintextHandshake.CLIENT_HELLO, SESSION_TICKET,
                    bad);
            EnginePair pair = connectRewritten(client(), server.engine(), r -> with.apply(without.apply(r)));
            assertTrue(flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE),
                    "byte " + at + " flipped: a full handshake, " + flight(pair, Role.SERVER).types());
            assertFalse(flight(pair, Role.SERVER).types().isEmpty());
        }
    }

    @Test
    void expiredTicketGivesAFullHandshake() {
        Server server = new Server(null, Map.of());
        server.cache.setSessionTimeout(600);
        connect(client(), server.engine());
        now.addAndGet(601_000);
        EnginePair second = connect(client(), server.engine());
        assertTrue(ticketOffered(second).length > 0, "the client's cache keeps sessions longer");
        assertFalse(resumed(second), "expired: " + flight(second, Role.SERVER).types());
    }

    @Test
    void ticketHintIsTheRemainingLifetime() {
        Server server = new Server(null, Map.of());
        server.cache.setSessionTimeout(600);
        EnginePair first = connect(client(), server.engine());
        assertEquals(600, lifetimeHint(first));
    }

    private static long lifetimeHint(EnginePair pair) {
        for (PlaintextHandshake.Message m : flight(pair, Role.SERVER).messages()) {
            if (m.type() == NEW_SESSION_TICKET) {
                return ByteBuffer.wrap(m.body()).getInt() & 0xFFFFFFFFL;
            }
        }
        throw new AssertionError("no NewSessionTicket");
    }

    @Test
    void ticketForAnotherServerNameGivesAFullHandshake() {
        Server server = new Server(null, Map.of());
        connect(client(), server.engine());
        byte[] name = "other.example".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer sni = ByteBuffer.allocate(5 + name.length);
        sni.putShort((short) (3 + name.length)).put((byte) 0).putShort((short) name.length).put(name);
        UnaryOperator<ByteBuffer> without = HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, SERVER_NAME);
        UnaryOperator<ByteBuffer> with = HelloExtensions.with(PlaintextHandshake.CLIENT_HELLO, SERVER_NAME,
                sni.array());
        EnginePair pair = connectRewritten(client(), server.engine(), r -> with.apply(without.apply(r)));
        assertTrue(ticketOffered(pair).length > 0);
        assertTrue(flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE),
                "RFC 6066 §3: another name, a full handshake: " + flight(pair, Role.SERVER).types());
    }

    @Test
    void ticketForASessionWithoutExtendedMasterSecretGivesAFullHandshakeWhenTheClientNowSendsIt()
            throws IOException {
        Map<String, String> noEms = Map.of("jdk.tls.useExtendedMasterSecret", "false");
        Path keys = TicketKeyFiles.write(dir.resolve("keys"), TicketKeyFiles.newKey());
        Server withoutEms = new Server(keys, noEms);
        connect(client(noEms), withoutEms.engine());
        Server withEms = new Server(keys, Map.of());
        EnginePair second = connect(client(), withEms.engine());
        assertTrue(ticketOffered(second).length > 0);
        assertFalse(resumed(second), "RFC 7627 §5.3: " + flight(second, Role.SERVER).types());
    }

    @Test
    void serverWithTicketsOffIgnoresTheExtensionAndResumesById() {
        Server server = new Server(null, Map.of("jdk.tls.server.enableSessionTicketExtension", "false"));
        SSLEngine firstClient = client();
        EnginePair first = connect(firstClient, server.engine());
        assertFalse(flight(first, Role.SERVER).has(NEW_SESSION_TICKET));
        assertEquals(0, cachedTicket().length);
        EnginePair second = connect(client(), server.engine());
        assertArrayEquals(firstClient.getSession().getId(), flight(second, Role.CLIENT).helloSessionId());
        assertTrue(resumed(second), "by id");
    }

    @Test
    void clientWithTicketsOffSendsNoExtension() {
        Server server = new Server(null, Map.of());
        EnginePair first = connect(client(Map.of("jdk.tls.client.enableSessionTicketExtension", "false")),
                server.engine());
        assertEquals(null, ticketOffered(first));
        assertFalse(flight(first, Role.SERVER).has(NEW_SESSION_TICKET), "RFC 5077 §3.2: not asked, not sent");
    }

    /** A fleet's shared store as a map; {@code down} answers nothing, as a store that timed out. */
    private static final class MapCache implements SessionCache {
        final Map<Bytes, byte[]> entries = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public void put(byte[] id, byte[] sealed, Duration ttl) {
            if (!down) {
                entries.put(Bytes.of(id), sealed.clone());
            }
        }

        @Override
        public Optional<byte[]> get(byte[] id) {
            return down ? Optional.empty() : Optional.ofNullable(entries.get(Bytes.of(id)));
        }

        @Override
        public void remove(byte[] id) {
            entries.remove(Bytes.of(id));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void sharedSessionCacheLetsAnotherServerResumeByIdAndNeverHoldsAMasterSecret() throws IOException {
        Path keys = TicketKeyFiles.write(dir.resolve("keys"), TicketKeyFiles.newKey());
        MapCache store = new MapCache();
        Map<String, String> noTickets = Map.of("jdk.tls.client.enableSessionTicketExtension", "false");
        Server a = new Server(keys, Map.of());
        Server b = new Server(keys, Map.of());
        a.shared.use(store);
        b.shared.use(store);
        SSLEngine firstClient = client(noTickets);
        connect(firstClient, a.engine());
        byte[] id = firstClient.getSession().getId();
        byte[] sealed = store.entries.get(Bytes.of(id));
        byte[] master = ((XtlsSession) a.cache.getSession(id)).state().masterSecret().reveal();
        assertFalse(Bytes.wrap(sealed).toHex().contains(Bytes.wrap(master).toHex()),
                "the store sees the session sealed, never the master secret");

        EnginePair second = connect(client(noTickets), b.engine());
        assertArrayEquals(id, flight(second, Role.CLIENT).helloSessionId());
        assertTrue(resumed(second), "server B resumed A's session by id: " + flight(second, Role.SERVER).types());

        store.down = true;
        EnginePair third = connect(client(noTickets), new Server(keys, Map.of()).engine());
        assertFalse(resumed(third), "a store that does not answer costs a full handshake, not the connection");

        store.down = false;
        a.cache.getSession(id).invalidate();
        assertFalse(store.entries.containsKey(Bytes.of(id)), "an invalidated session leaves the shared store");
    }

    @Test
    void sharedSessionSealedUnderOtherKeysIsNotResumed() throws IOException {
        MapCache store = new MapCache();
        Map<String, String> noTickets = Map.of("jdk.tls.client.enableSessionTicketExtension", "false");
        Server a = new Server(TicketKeyFiles.write(dir.resolve("a"), TicketKeyFiles.newKey()), Map.of());
        Server b = new Server(TicketKeyFiles.write(dir.resolve("b"), TicketKeyFiles.newKey()), Map.of());
        a.shared.use(store);
        b.shared.use(store);
        connect(client(noTickets), a.engine());
        assertFalse(resumed(connect(client(noTickets), b.engine())));
    }

    @Test
    void malformedKeyFileFailsAtInitAndSaysWhy() throws IOException {
        Path bad = TicketKeyFiles.write(dir.resolve("bad"), new byte[33]);
        XtlsSessionContext cache = new XtlsSessionContext(now::get);
        SessionTickets tickets = new SessionTickets(cache, now::get);
        ContextState state = new ContextState(null, null, random, TestContexts.plainDefaults(), clientCache, cache,
                tickets, JcaTlsCrypto::new, now::get);
        KeyManagementException e = assertThrows(KeyManagementException.class,
                () -> tickets.configure(Map.of(SessionTickets.KEY_FILE, bad.toString())::get, state::crypto));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }
}
