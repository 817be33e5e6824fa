package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.Secret;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ProtocolVersion;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class XtlsSessionContextTest {
    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final XtlsSessionContext context = new XtlsSessionContext(now::get);

    private XtlsSession session(int id) {
        XtlsSession s = new XtlsSession(SessionState.initial("h", 1, now.get()).withNegotiated(
                Bytes.of(new byte[] {(byte) id}), ProtocolVersion.TLS12,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        s.attach(context);
        return s;
    }

    private List<Integer> ids() {
        return Collections.list(context.getIds()).stream().map(b -> (int) b[0]).toList();
    }

    @Test
    void startsWithSunJsseDefaults() {
        assertEquals(86400, context.getSessionTimeout());
        assertEquals(20480, context.getSessionCacheSize());
        assertEquals(List.of(), ids());
    }

    @Test
    void recordsEstablishedSessionsAndFindsThemById() {
        XtlsSession one = session(1);
        XtlsSession two = session(2);
        assertSame(one, context.getSession(new byte[] {1}));
        assertSame(two, context.getSession(new byte[] {2}));
        assertNull(context.getSession(new byte[] {3}));
        assertThrows(NullPointerException.class, () -> context.getSession(null));
        assertEquals(List.of(1, 2), ids());
    }

    @Test
    void dropsTheLeastRecentlyUsedSessionBeyondTheCacheSize() {
        session(1);
        session(2);
        context.getSession(new byte[] {1});
        session(3);
        context.setSessionCacheSize(2);
        assertEquals(List.of(1, 3), ids());
        session(4);
        assertEquals(List.of(3, 4), ids());
    }

    @Test
    void forgetsSessionsOnceTheirTimeoutHasPassed() {
        session(1);
        now.addAndGet(5_000);
        session(2);
        context.setSessionTimeout(10);
        now.addAndGet(6_000);
        assertEquals(List.of(2), ids());
        assertNull(context.getSession(new byte[] {1}));
        context.setSessionTimeout(0);
        now.addAndGet(1_000_000_000L);
        assertEquals(List.of(2), ids());
    }

    @Test
    void refusesNegativeSizesAndTimeouts() {
        assertThrows(IllegalArgumentException.class, () -> context.setSessionCacheSize(-1));
        assertThrows(IllegalArgumentException.class, () -> context.setSessionTimeout(-1));
    }

    @Test
    void aSessionWithoutIdIsNotRecorded() {
        new XtlsSession(SessionState.initial("h", 1, now.get()).withNegotiated(Bytes.EMPTY, ProtocolVersion.TLS12,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).attach(context);
        assertEquals(List.of(), ids());
    }

    @Test
    void idsAreCopies() {
        session(7);
        byte[] id = context.getIds().nextElement();
        id[0] = 9;
        assertArrayEquals(new byte[] {7}, context.getIds().nextElement());
    }

    private final XtlsSessionContext clientContext = new XtlsSessionContext(now::get, true);

    private XtlsSession clientSession(int id, String host, int port) {
        XtlsSession s = new XtlsSession(SessionState.initial(host, port, now.get()).withNegotiated(
                Bytes.of(new byte[] {(byte) id}), ProtocolVersion.TLS12,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        s.attach(clientContext);
        return s;
    }

    @Test
    void aClientContextFindsTheNewestSessionForAHostAndPort() {
        XtlsSession old = clientSession(1, "example.com", 443);
        XtlsSession newer = clientSession(2, "Example.COM", 443);
        XtlsSession otherPort = clientSession(3, "example.com", 8443);
        assertSame(newer, clientContext.findForPeer("example.com", 443).orElseThrow());
        assertSame(otherPort, clientContext.findForPeer("example.com", 8443).orElseThrow());
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("example.org", 443));
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer(null, 443));
        assertSame(old, clientContext.getSession(new byte[] {1}), "older sessions stay findable by id");
    }

    @Test
    void aServerContextFindsNothingByPeer() {
        session(1);
        assertEquals(java.util.Optional.empty(), context.findForPeer("h", 1));
    }

    @Test
    void invalidatedEvictedAndExpiredSessionsAreNotFoundForTheirPeer() {
        clientSession(1, "a.example", 443).invalidate();
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("a.example", 443));

        clientSession(2, "b.example", 443);
        clientSession(3, "c.example", 443);
        clientContext.setSessionCacheSize(1);
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("b.example", 443), "evicted");
        assertEquals(List.of(3), Collections.list(clientContext.getIds()).stream().map(b -> (int) b[0]).toList());

        clientContext.setSessionTimeout(10);
        now.addAndGet(10_000);
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("c.example", 443), "expired");
        assertEquals(List.of(), Collections.list(clientContext.getIds()));
    }

    @Test
    void aServerEchoingAnotherServersSessionIdDisplacesNothing() {
        XtlsSession honest = clientSession(1, "a.example", 443);
        clientSession(1, "evil.example", 443);
        assertSame(honest, clientContext.getSession(new byte[] {1}), "the id still names the first server's session");
        assertSame(honest, clientContext.findForPeer("a.example", 443).orElseThrow());
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("evil.example", 443),
                "a session whose id another server's session holds is not kept");

        clientContext.setSessionCacheSize(1);
        clientSession(2, "c.example", 443);
        assertEquals(List.of(2), Collections.list(clientContext.getIds()).stream().map(b -> (int) b[0]).toList());
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("a.example", 443), "evicted");
        assertEquals(java.util.Optional.empty(), clientContext.findForPeer("evil.example", 443), "never kept");
    }

    @Test
    void theSameServerIssuingAnIdAgainReplacesItsOwnSession() {
        clientSession(1, "a.example", 443);
        XtlsSession again = clientSession(1, "a.example", 443);
        assertSame(again, clientContext.getSession(new byte[] {1}));
        assertSame(again, clientContext.findForPeer("a.example", 443).orElseThrow());
        assertEquals(List.of(1), Collections.list(clientContext.getIds()).stream().map(b -> (int) b[0]).toList());
    }

    private XtlsSession withSecret(XtlsSessionContext into, int id, String host) {
        XtlsSession s = new XtlsSession(SessionState.initial(host, 443, now.get()).withNegotiated(
                Bytes.of(new byte[] {(byte) id}), ProtocolVersion.TLS12,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).withMasterSecret(
                        Secret.copyOf(new byte[] {1, 2, 3}), true));
        s.attach(into);
        return s;
    }

    private static boolean destroyed(XtlsSession s) {
        return s.state().masterSecret().isDestroyed();
    }

    @Test
    void aSessionHasItsMasterSecretDestroyedWhenItLeavesTheCache() {
        XtlsSession invalidated = withSecret(context, 1, "h");
        XtlsSession evicted = withSecret(context, 2, "h");
        XtlsSession expired = withSecret(context, 3, "h");
        XtlsSession kept = withSecret(context, 4, "h");
        assertFalse(destroyed(invalidated), "cached sessions keep their secret");
        Secret invalidatedSecret = invalidated.state().masterSecret();
        invalidated.invalidate();
        assertTrue(invalidatedSecret.isDestroyed(), "invalidated");
        context.getSession(new byte[] {3});
        context.getSession(new byte[] {4});
        context.setSessionCacheSize(2);
        assertTrue(destroyed(evicted), "evicted by the size bound");
        context.setSessionCacheSize(0);
        context.setSessionTimeout(10);
        now.addAndGet(5_000);
        XtlsSession newer = withSecret(context, 5, "h");
        now.addAndGet(6_000);
        assertNull(context.getSession(new byte[] {3}));
        assertEquals(List.of(5), ids());
        assertTrue(destroyed(expired), "expired");
        assertTrue(destroyed(kept), "expired too");
        assertFalse(destroyed(newer));
    }

    @Test
    void aSessionTheCacheDoesNotKeepHasItsMasterSecretDestroyed() {
        XtlsSession noId = new XtlsSession(SessionState.initial("h", 1, now.get()).withNegotiated(Bytes.EMPTY,
                ProtocolVersion.TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                .withMasterSecret(Secret.copyOf(new byte[] {1}), true));
        noId.attach(context);
        assertTrue(destroyed(noId), "no id: never resumable");

        XtlsSession honest = withSecret(clientContext, 1, "a.example");
        XtlsSession echo = withSecret(clientContext, 1, "evil.example");
        assertTrue(destroyed(echo), "another server's id");
        assertFalse(destroyed(honest));

        XtlsSession again = withSecret(clientContext, 1, "a.example");
        assertTrue(destroyed(honest), "replaced by its own server's newer session with that id");
        assertFalse(destroyed(again));
    }
}
