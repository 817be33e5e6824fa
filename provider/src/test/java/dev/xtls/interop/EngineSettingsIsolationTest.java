package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each engine's settings are its own, whatever a context shares between its engines: a setter changes only its
 * engine, and a handshake changes none of what getSSLParameters reports. SunJSSE is the reference in each test.
 */
class EngineSettingsIsolationTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** What getSSLParameters reports, comparable (SSLParameters has no equals). */
    private static List<Object> described(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        return List.of(e.getUseClientMode(), List.of(p.getProtocols()), List.of(p.getCipherSuites()),
                p.getNeedClientAuth(), p.getWantClientAuth(), String.valueOf(p.getEndpointIdentificationAlgorithm()),
                String.valueOf(p.getServerNames()), p.getUseCipherSuitesOrder(), p.getMaximumPacketSize(),
                Arrays.asList(p.getApplicationProtocols()), e.getEnableSessionCreation());
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void settingsChangedOnOneEngineLeaveTheContextsOtherEnginesAlone(Peer peer) {
        SSLContext ctx = peer.context(pki, pki.ecdsaP256());
        SSLEngine changed = ctx.createSSLEngine("localhost", 443);
        SSLEngine sibling = ctx.createSSLEngine("localhost", 443);
        List<Object> defaults = described(sibling);

        changed.setUseClientMode(true);
        changed.setEnabledCipherSuites(new String[] {SUITE});
        changed.setEnabledProtocols(new String[] {"TLSv1.2"});
        changed.setEnableSessionCreation(false);
        SSLParameters p = changed.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName("api.example.com")));
        p.setMaximumPacketSize(1400);
        changed.setSSLParameters(p);
        sibling.setNeedClientAuth(true);

        assertEquals(List.of(SUITE), List.of(changed.getEnabledCipherSuites()), peer + ": the engine changed");
        assertEquals(false, changed.getNeedClientAuth(), peer + ": the sibling's setter stays with the sibling");
        List<Object> siblingNow = described(sibling);
        assertEquals(defaults.subList(0, 3), siblingNow.subList(0, 3), peer + ": mode and lists");
        assertEquals(defaults.subList(5, defaults.size()), siblingNow.subList(5, siblingNow.size()),
                peer + ": the other settings");
        assertEquals(defaults, described(ctx.createSSLEngine("localhost", 443)), peer + ": a new engine");
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "XTLS"})
    void sslParametersAreTheSameBeforeAndAfterTheHandshake(Peer peer) {
        SSLEngine client = Peer.engine(peer.context(pki), Role.CLIENT, SUITE);
        SSLEngine server = Peer.engine(peer.context(pki, pki.ecdsaP256()), Role.SERVER, SUITE);
        SSLParameters alpn = client.getSSLParameters();
        alpn.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(alpn);
        List<Object> clientBefore = described(client);
        List<Object> serverBefore = described(server);

        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();

        assertEquals(clientBefore, described(client), peer + " client");
        assertEquals(serverBefore, described(server), peer + " server");
    }
}
