package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.api.Xtls;
import dev.xtls.crypto.Secret;
import dev.xtls.session.SessionState;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Master secrets against SunJSSE peers: no public method of a session reaches one, a session leaving its cache
 * has it destroyed, and a resumption in flight keeps working when its cached session is invalidated meanwhile.
 */
class SessionSecretsTest {
    /** Methods that change the session or its values rather than read it. */
    private static final Set<String> MUTATORS = Set.of("invalidate", "wait", "notify", "notifyAll");
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static EnginePair connect(SSLContext client, SSLContext server, Role interceptAt, Runnable onFirstRecord) {
        AtomicBoolean first = new AtomicBoolean(true);
        EnginePair pair = EnginePair.builder(Peer.engine(client, Role.CLIENT), Peer.engine(server, Role.SERVER))
                .intercept(interceptAt, record -> {
                    if (first.getAndSet(false)) {
                        onFirstRecord.run();
                    }
                    return record;
                }).build();
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        return pair;
    }

    private static EnginePair connect(SSLContext client, SSLContext server) {
        return connect(client, server, Role.CLIENT, () -> { });
    }

    private static Secret masterSecret(SSLSession s) {
        return ((XtlsSession) s).state().masterSecret();
    }

    @Test
    void xtlsSessionHasNoPublicMethodReturningItsStateOrASecret() {
        for (Method m : XtlsSession.class.getMethods()) {
            Class<?> type = m.getReturnType();
            assertFalse(SessionState.class.isAssignableFrom(type) || Secret.class.isAssignableFrom(type)
                    || type.getPackageName().equals("dev.xtls.session")
                    || type.getPackageName().equals("dev.xtls.crypto"), m.toString());
        }
    }

    @Test
    void noPublicMethodOfAnEstablishedSessionReturnsTheMasterSecret() throws Exception {
        SSLContext client = Peer.XTLS.context(pki);
        EnginePair pair = connect(client, Peer.SUN.context(pki, pki.ecdsaP256()));
        SSLSession session = pair.engine(Role.CLIENT).getSession();
        byte[] master = masterSecret(session).reveal();
        List<Object> reached = new ArrayList<>();
        for (Object value : publicValues(session)) {
            reached.add(value);
            reached.addAll(publicValues(value)); // a level deeper
        }
        assertTrue(reached.size() > 20, "the walk reached the session's values: " + reached.size());
        for (Object v : reached) {
            if (v instanceof Secret || v instanceof SessionState
                    || (v instanceof byte[] b && Arrays.equals(b, master))) {
                fail("the public API reaches the master secret through " + v.getClass().getName());
            }
        }
    }

    /** What every public no-argument method of {@code o}'s class returns (arrays and lists flattened). */
    private static List<Object> publicValues(Object o) {
        List<Object> out = new ArrayList<>();
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || MUTATORS.contains(m.getName())
                    || m.getReturnType() == void.class) {
                continue;
            }
            try {
                Object v = m.invoke(o);
                if (v instanceof Object[] a) {
                    out.addAll(Arrays.asList(a));
                } else if (v instanceof List<?> l) {
                    out.addAll(l);
                } else if (v != null) {
                    out.add(v);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not accessible (a JDK-internal class) or not applicable here (no peer certificate): nothing
            }
        }
        return out;
    }

    @Test // with tickets on, the ticket carries the session and the cache has no entry for it (RFC 5077 §3.4)
    void invalidatingAnEstablishedSessionDestroysItsMasterSecretCachedOrNot() {
        for (SSLContext server : List.of(Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256()),
                Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            EnginePair pair = connect(Peer.SUN.context(pki), server);
            SSLSession session = pair.engine(Role.SERVER).getSession();
            Secret master = masterSecret(session);
            session.invalidate();
            assertTrue(master.isDestroyed());
            assertNull(masterSecret(session), "and no longer held");
        }
    }

    /** RFC 5077 §3.4: the ticket carries the session and its secret; the server's own session is never resumed. */
    @Test
    void aServerSessionATicketCarriesKeepsNoMasterSecret() {
        SSLContext client = Peer.SUN.context(pki);
        SSLContext server = Peer.XTLS.context(pki, pki.ecdsaP256());
        SSLSession first = connect(client, server).engine(Role.SERVER).getSession();

        assertTrue(masterSecret(first).isDestroyed(), "wiped once the ticket went out");
        SSLSession second = connect(client, server).engine(Role.SERVER).getSession();
        assertTrue(Xtls.handshakeTrace(second).orElseThrow().contains("resumed by ticket"),
                Xtls.handshakeTrace(second).orElseThrow());
    }

    @Test // by id: the Xtls side has tickets off, else no session is cached
    void aSessionEvictedFromAFullCacheHasItsMasterSecretDestroyed() {
        SSLContext server = Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256());
        server.getServerSessionContext().setSessionCacheSize(1);
        SSLSession first = connect(Peer.SUN.context(pki), server).engine(Role.SERVER).getSession();
        SSLSession second = connect(Peer.SUN.context(pki), server).engine(Role.SERVER).getSession();
        assertTrue(masterSecret(first).isDestroyed(), "evicted by the second");
        assertFalse(masterSecret(second).isDestroyed());
    }

    @Test // by id: the Xtls side has tickets off (a ticket carries its own sealed copy of the secret)
    void serverResumesASessionInvalidatedAfterItsServerHello() {
        SSLContext client = Peer.SUN.context(pki);
        SSLContext server = Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256());
        SSLSession cached = connect(client, server).engine(Role.SERVER).getSession();
        Secret master = masterSecret(cached);
        // the server has sent its Finished and still has to check the client's with the master secret
        EnginePair second = connect(client, server, Role.SERVER, cached::invalidate);
        assertTrue(master.isDestroyed(), "the cached secret is gone");
        assertSame(cached, second.engine(Role.SERVER).getSession(), "resumed");
        assertArrayEquals(cached.getId(), second.engine(Role.CLIENT).getSession().getId());
    }

    @Test // by id, as above
    void clientResumesASessionInvalidatedAfterItsClientHello() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        SSLSession cached = connect(client, server).engine(Role.CLIENT).getSession();
        Secret master = masterSecret(cached);
        // the client offered the session and still has to check the server's Finished with the master secret
        EnginePair second = connect(client, server, Role.CLIENT, cached::invalidate);
        assertTrue(master.isDestroyed(), "the cached secret is gone");
        assertSame(cached, second.engine(Role.CLIENT).getSession(), "resumed");
        assertArrayEquals(cached.getId(), second.engine(Role.SERVER).getSession().getId());
        EnginePair third = connect(client, server);
        assertFalse(Arrays.equals(cached.getId(), third.engine(Role.CLIENT).getSession().getId()),
                "an invalidated session is not offered again");
        assertEquals(third.engine(Role.CLIENT).getSession().getId().length, 32);
    }

    @Test
    void aResumedHandshakeDestroysItsCopyOfTheMasterSecretWhenDone() {
        SSLContext client = Peer.XTLS.context(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        connect(client, server);
        SSLEngine engine = connect(client, server).engine(Role.CLIENT);
        XtlsSSLEngine xtls = (XtlsSSLEngine) engine;
        assertTrue(xtls.connectionSession().masterSecret().isDestroyed(), "the handshake's copy");
        assertFalse(masterSecret(engine.getSession()).isDestroyed(), "the cached session's own secret");
    }
}
