package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
