package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.crypto.Secret;
import dev.xtls.session.SessionState;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SSLSession.invalidate()} (never resumed again, RFC 5246 §7.2.2): the session lets go of what only a
 * resumption needs (the client's ticket, the master secret, wiped), while its getters keep answering as SunJSSE's
 * and Bouncy Castle's do, and the live connection's exporters, which use the connection's own copy, keep working.
 */
class InvalidatedSessionTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {SUITE, "TLS_AES_128_GCM_SHA256"});
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair established(SSLContext clientCtx, SSLContext serverCtx, String protocol) {
        EnginePair pair = EnginePair.of(engine(clientCtx, Role.CLIENT, protocol),
                engine(serverCtx, Role.SERVER, protocol), Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        return pair;
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void anInvalidatedSessionKeepsNoTicketAndNoMasterSecret(Peer server) {
        SSLContext clientCtx = Peer.XTLS.context(pki);
        EnginePair pair = established(clientCtx, server.context(pki, pki.ecdsaP256()), "TLSv1.2");
        for (Role side : List.of(Role.CLIENT, Role.SERVER)) {
            if (!(pair.engine(side) instanceof XtlsSSLEngine engine)) {
                continue;
            }
            XtlsSession session = (XtlsSession) engine.getSession();
            Secret master = session.state().masterSecret();
            assertNotNull(master, side + ": a resumable session holds its master secret");
            if (side == Role.CLIENT) {
                assertFalse(session.state().ticket().isEmpty(), server + " issued a ticket (RFC 5077)");
            }

            session.invalidate();

            SessionState after = session.state();
            assertTrue(after.ticket().isEmpty(), side + ": the ticket is gone");
            assertNull(after.masterSecret(), side + ": the master secret is gone");
            assertTrue(master.isDestroyed(), side + ": and wiped");
        }
        pair.transfer("still".getBytes(StandardCharsets.US_ASCII), "open".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
    }

    /** What SunJSSE's and Bouncy Castle's sessions answer after invalidate(), Xtls's answers too. */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC", "XTLS"})
    void gettersOfAnInvalidatedSessionKeepTheirValues(Peer client) {
        SSLContext clientCtx = client.context(pki);
        SSLContext serverCtx = Peer.XTLS.context(pki, pki.ecdsaP256());
        EnginePair pair = established(clientCtx, serverCtx, "TLSv1.2");
        for (Role side : List.of(Role.CLIENT, Role.SERVER)) {
            SSLSession session = pair.engine(side).getSession();
            session.putValue("app", "value");
            String before = describe(session);
            assertTrue(session.isValid(), side + " " + client);

            session.invalidate();

            assertFalse(session.isValid(), side + " " + client);
            assertEquals(before, describe(session), side + " " + client);
        }
        pair.closeBoth();
        pair.assertLegalResults();

        EnginePair next = established(clientCtx, serverCtx, "TLSv1.2");
        assertFalse(Arrays.equals(pair.engine(Role.CLIENT).getSession().getId(),
                next.engine(Role.CLIENT).getSession().getId()), "no resumption of an invalidated session");
        next.closeBoth();
    }

    private static String describe(SSLSession s) {
        ExtendedSSLSession x = (ExtendedSSLSession) s;
        return String.join("|", Arrays.toString(s.getId()), s.getProtocol(), s.getCipherSuite(),
                String.valueOf(s.getCreationTime()), s.getPeerHost(), String.valueOf(s.getPeerPort()),
                answer(() -> s.getPeerCertificates().length), answer(() -> s.getPeerPrincipal()),
                answer(() -> Arrays.toString(s.getLocalCertificates())), String.valueOf(s.getValue("app")),
                Arrays.toString(s.getValueNames()), answer(x::getRequestedServerNames),
                String.valueOf(s.getPacketBufferSize()), String.valueOf(s.getApplicationBufferSize()));
    }

    /** The getter's value, or the exception it throws (a server that asked for no certificate, BC's SNI). */
    private static String answer(Callable<?> getter) {
        try {
            return String.valueOf(getter.call());
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    /** The exporters use the connection's own secret; SunJSSE is the server and, on JDK 25, exports too. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void exportersOfALiveConnectionWorkAfterItsSessionIsInvalidated(String protocol) throws Exception {
        EnginePair pair = established(Peer.XTLS.context(pki), Peer.SUN.context(pki, pki.ecdsaP256()), protocol);
        SSLEngine client = pair.engine(Role.CLIENT);
        byte[] context = "ctx".getBytes(StandardCharsets.US_ASCII);
        byte[] keys = Xtls.exportKeyingMaterial(client, "EXPORTER-test", context, 32);
        byte[] binding = Xtls.tlsExporterChannelBinding(client);

        client.getSession().invalidate();
        pair.engine(Role.SERVER).getSession().invalidate();

        assertArrayEquals(keys, Xtls.exportKeyingMaterial(client, "EXPORTER-test", context, 32));
        assertArrayEquals(binding, Xtls.tlsExporterChannelBinding(client));
        Method sunExport = sunExporter();
        if (sunExport != null) { // JDK 25: SunJSSE's ExtendedSSLSession.exportKeyingMaterialData
            assertArrayEquals(keys, (byte[]) sunExport.invoke(pair.engine(Role.SERVER).getSession(),
                    "EXPORTER-test", context, 32));
        }
        pair.transfer("after".getBytes(StandardCharsets.US_ASCII), "ok".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
    }

    private static Method sunExporter() {
        try {
            return ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class,
                    int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
