package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.engine.HandshakeTrace;
import dev.xtls.session.SessionState;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an idle established connection keeps (issue 13: retained heap per idle connection): no second copy of its
 * handshake trace in its session, and the one shared instance of each decoded cipher suite, version and group.
 * The server is SunJSSE or Xtls.
 */
class IdleConnectionFootprintTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine engine(SSLContext ctx, Role role) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setCipherSuites(new String[] {SUITE});
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair established(Peer server) {
        SSLContext clientCtx = Peer.XTLS.context(pki);
        SSLContext serverCtx = server.context(pki, pki.ecdsaP256());
        EnginePair pair = EnginePair.of(engine(clientCtx, Role.CLIENT), engine(serverCtx, Role.SERVER),
                Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        return pair;
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void theSessionSharesItsConnectionsHandshakeTrace(Peer server) {
        EnginePair pair = established(server);
        XtlsSSLEngine client = (XtlsSSLEngine) pair.engine(Role.CLIENT);
        List<HandshakeTrace> engineTraces = client.handshakeTraces();
        List<HandshakeTrace> sessionTraces = ((XtlsSession) client.getSession()).handshakeTraces();

        assertEquals(1, engineTraces.size());
        assertEquals(1, sessionTraces.size());
        assertSame(engineTraces.get(0), sessionTraces.get(0), "one trace object for the engine and its session");
        assertEquals("ClientHello", engineTraces.get(0).steps().get(0).message());
        assertTrue(engineTraces.get(0).completed());
        pair.closeBoth();
        pair.assertLegalResults();
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void decodedSessionParametersAreTheSharedConstants(Peer server) {
        EnginePair pair = established(server);
        for (Role side : List.of(Role.CLIENT, Role.SERVER)) {
            if (pair.engine(side) instanceof XtlsSSLEngine engine) {
                SessionState state = ((XtlsSession) engine.getSession()).state();
                assertSame(CipherSuite.of(0xC02B), state.cipherSuite(), side + ": " + SUITE);
                assertSame(ProtocolVersion.of(0x0303), state.version(), side + ": TLSv1.2");
                assertSame(NamedGroup.of(state.group().code()), state.group(), side + ": the group");
            }
        }
        pair.closeBoth();
        pair.assertLegalResults();
    }

    /** Xtls at both ends offer the same signature_algorithms: the server's session keeps one list for both. */
    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void aPeerListEqualToOursIsOurList(Peer client) {
        SSLContext serverCtx = Peer.XTLS.context(pki, pki.ecdsaP256());
        EnginePair pair = EnginePair.of(engine(client.context(pki), Role.CLIENT), engine(serverCtx, Role.SERVER),
                Mode.NORMAL);
        pair.handshake();
        XtlsSSLEngine server = (XtlsSSLEngine) pair.engine(Role.SERVER);
        SessionState state = ((XtlsSession) server.getSession()).state();
        List<String> peer = List.of(((XtlsSession) server.getSession()).getPeerSupportedSignatureAlgorithms());

        assertFalse(peer.isEmpty());
        assertEquals(state.localSignatureSchemes().equals(state.peerSignatureSchemes()),
                state.localSignatureSchemes() == state.peerSignatureSchemes(), client + ": " + peer);
        if (client == Peer.XTLS) {
            assertSame(state.localSignatureSchemes(), state.peerSignatureSchemes());
        }
        pair.closeBoth();
        pair.assertLegalResults();
    }

    /** Engines of one context set to the same protocols and suites share the lists; each keeps its own values. */
    @org.junit.jupiter.api.Test
    void enginesSetToTheSameListsShareThem() throws ReflectiveOperationException {
        SSLContext ctx = Peer.XTLS.context(pki);
        SSLEngine first = engine(ctx, Role.CLIENT);
        SSLEngine second = engine(ctx, Role.CLIENT);

        for (String list : List.of("protocols", "cipherSuites")) {
            assertSame(setting(first, list), setting(second, list), list);
        }
        second.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        assertEquals(List.of("TLSv1.2"), List.of(first.getEnabledProtocols()));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(second.getEnabledProtocols()));
        assertEquals(List.of(SUITE), List.of(first.getEnabledCipherSuites()));
    }

    private static Object setting(SSLEngine engine, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field settings = XtlsSSLEngine.class.getDeclaredField("settings");
        settings.setAccessible(true);
        Object s = settings.get(engine);
        java.lang.reflect.Field f = s.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(s);
    }
}
