package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.engine.HandshakeTrace;
import dev.xtls.engine.TlsConnection;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.CipherSuite;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: the connections of one SSLContext with the same settings share what their handshakes may negotiate,
 * an engine whose settings differ has its own, and an idle connection keeps nothing only its handshake needed
 * (the handshake context, the transcript, the trace's recorder). The peers are SunJSSE and Bouncy Castle.
 */
class SharedHandshakeConfigTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** An Xtls client of {@code ctx} after a full handshake with a SunJSSE server and one exchange of data. */
    private static XtlsSSLEngine establishedClient(SSLContext ctx, String... suites) {
        return established(Peer.engine(ctx, Role.CLIENT, suites), Peer.SUN, "TLSv1.2");
    }

    private static XtlsSSLEngine established(SSLEngine client, Peer server, String protocol) {
        SSLEngine s = Peer.engine(server.context(pki, pki.ecdsaP256()), Role.SERVER);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        s.setSSLParameters(p);
        SSLParameters c = client.getSSLParameters();
        c.setProtocols(new String[] {protocol});
        client.setSSLParameters(c);
        EnginePair pair = EnginePair.of(client, s, Mode.NORMAL);
        pair.handshake();
        pair.transfer(PING, PING);
        pair.assertLegalResults();
        return (XtlsSSLEngine) client;
    }

    private static HandshakeConfig config(XtlsSSLEngine engine) throws ReflectiveOperationException {
        Field f = XtlsSSLEngine.class.getDeclaredField("connection");
        f.setAccessible(true);
        return ((TlsConnection) f.get(engine)).config();
    }

    @Test
    void enginesWithTheSameSettingsShareTheirConfiguration() throws ReflectiveOperationException {
        SSLContext ctx = Peer.XTLS.context(pki);
        HandshakeConfig first = config(establishedClient(ctx));
        HandshakeConfig second = config(establishedClient(ctx));

        assertSame(first.cipherSuites(), second.cipherSuites(), "one list of suites for both engines");
        assertSame(first.versions(), second.versions(), "one list of versions for both engines");
        assertSame(first.applicationProtocols(), second.applicationProtocols());
        assertEquals("localhost", second.peerHost(), "the peer stays the engine's own");
    }

    @Test
    void anEngineWithChangedSettingsHasItsOwnAndLeavesTheOthersAlone() throws ReflectiveOperationException {
        SSLContext ctx = Peer.XTLS.context(pki);
        HandshakeConfig before = config(establishedClient(ctx));
        HandshakeConfig changed = config(establishedClient(ctx, SUITE));
        HandshakeConfig after = config(establishedClient(ctx));

        assertEquals(List.of(CipherSuite.of(0xC02B)), changed.cipherSuites(), "the changed engine's own suites");
        assertNotSame(before.cipherSuites(), changed.cipherSuites());
        assertSame(before.cipherSuites(), after.cipherSuites(), "the default engines still share theirs");
        assertEquals(true, after.cipherSuites().size() > 1, "and it still holds the defaults");
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void anIdleTls12ConnectionHoldsNoHandshakeState(Peer server) {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), server, "TLSv1.2");
        assertEquals(List.of(), handshakeOnly(client), server + ": reachable from the idle engine");
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void anIdleTls13ConnectionHoldsNoHandshakeStateAfterItsTickets(Peer server) {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), server, "TLSv1.3");
        assertEquals(List.of(), handshakeOnly(client), server + ": reachable from the idle engine");
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void anIdleConnectionKeepsItsTraceAsOneSnapshot(Peer server) {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), server, "TLSv1.3");

        assertEquals(List.of(), reachable(client, Set.of("dev.xtls.engine.HandshakeRecorder")),
                server + ": an idle engine keeps no recorder");
        assertSame(client.handshakeTraces().get(0), client.handshakeTraces().get(0), "one snapshot, not one per call");
    }

    /** What binds a handshake to its engine: only a TLS 1.3 client uses it after the handshake (RFC 8446 §4.6). */
    private static final Set<String> ENGINE_BOUND = Set.of("dev.xtls.x509.KeyManagerCredentials",
            "dev.xtls.x509.TrustManagerVerifier", "dev.xtls.jsse.EngineSessionStore");

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void anIdleTls12ConnectionKeepsNoEngineBoundConfiguration(Peer peer) {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), peer, "TLSv1.2");
        SSLEngine server = Peer.engine(Peer.XTLS.context(pki, pki.ecdsaP256()), Role.SERVER);
        EnginePair pair = EnginePair.of(Peer.engine(peer.context(pki), Role.CLIENT), server, Mode.NORMAL);
        pair.handshake();
        pair.transfer(PING, PING);

        assertEquals(List.of(), reachable(client, ENGINE_BOUND), peer + " server: the idle client");
        assertEquals(List.of(), reachable(server, ENGINE_BOUND), peer + " client: the idle server");
    }

    /** The client keeps them: a ticket goes to its session store, a CertificateRequest to its key manager. */
    @Test
    void anIdleTls13ClientKeepsWhatLaterMessagesUse() {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), Peer.SUN, "TLSv1.3");
        assertEquals(List.of("dev.xtls.jsse.EngineSessionStore", "dev.xtls.x509.KeyManagerCredentials",
                "dev.xtls.x509.TrustManagerVerifier"), reachable(client, ENGINE_BOUND).stream().sorted().toList());
    }

    /** SunJSSE's TLS 1.3 server sends its ticket after the handshake: the idle client's trace still records it. */
    @Test
    void aTicketAfterTheHandshakeIsStillRecorded() {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), Peer.SUN, "TLSv1.3");
        List<String> steps = client.handshakeTraces().get(0).steps().stream().map(HandshakeTrace.Step::message)
                .toList();

        assertEquals(List.of("Finished", "NewSessionTicket"), steps.subList(steps.size() - 2, steps.size()),
                steps.toString());
        assertEquals(List.of(), reachable(client, Set.of("dev.xtls.engine.HandshakeRecorder")));
        assertEquals(true, client.handshakeTrace().orElseThrow().contains("NewSessionTicket"));
    }

    /**
     * An idle connection's handshake is one trace object over one int array (steps, then the server's extension
     * codes), not a list, a step wrapper and a record of what was negotiated; the figure reads the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anIdleConnectionsTraceIsOneObjectAndOneArray(String protocol) {
        XtlsSSLEngine client = established(Peer.engine(Peer.XTLS.context(pki), Role.CLIENT), Peer.SUN, protocol);
        HandshakeTrace trace = client.handshakeTraces().get(0);

        // TLS 1.3: the session keeps the trace as published, the engine's has the ticket after it too
        assertEquals(List.of("dev.xtls.engine.HandshakeTrace"), reachable(client, Set.of(
                "dev.xtls.engine.HandshakeTrace", "dev.xtls.engine.HandshakeSteps",
                "dev.xtls.engine.HandshakeTrace$Negotiated")).stream().distinct().toList());
        assertTrue(trace.negotiated().serverExtensions().contains("extended_master_secret")
                || protocol.equals("TLSv1.3"), trace.negotiated().toString());
        assertTrue(client.handshakeTrace().orElseThrow().contains("server extensions:"));
    }

    /** The handshake-only objects reachable from {@code engine} through the provider's own objects. */
    private static List<String> handshakeOnly(Object engine) {
        return reachable(engine, Set.of("dev.xtls.handshake.HandshakeContext", "dev.xtls.handshake.Transcript"));
    }

    /** The instances of {@code classNames} reachable from {@code engine} through the provider's own objects. */
    private static List<String> reachable(Object engine, Set<String> classNames) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(List.of(engine));
        List<String> found = new ArrayList<>();
        while (!todo.isEmpty() && seen.size() < 100_000) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            String name = o.getClass().getName();
            if (classNames.contains(name)) {
                found.add(name);
            }
            if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    push(todo, Array.get(o, i));
                }
            } else if (name.startsWith("dev.xtls.")) {
                for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            push(todo, read(f, o));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static void push(Deque<Object> todo, Object o) {
        if (o != null && (o.getClass().isArray() || o.getClass().getName().startsWith("dev.xtls."))) {
            todo.push(o);
        }
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a JDK superclass's field (SSLEngine's): not the provider's
        }
    }
}
