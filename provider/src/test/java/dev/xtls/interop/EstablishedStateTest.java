package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an established Xtls connection keeps is slimmed once its handshake completes (the handshake's randoms and
 * transcript go; the record keys hold no Cipher but take one per record from the context's pool). Against
 * SunJSSE: connections of one context whose records interleave, renegotiation (TLS 1.2) or KeyUpdate (TLS 1.3)
 * after that, and the engine's SSLParameters, the same after the handshake as before.
 */
class EstablishedStateTest {
    private static final String SUITE12 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String SUITE13 = "TLS_AES_128_GCM_SHA256";
    private static TestPki pki;
    private static byte[] data;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        data = new byte[100_000];
        new Random(8446).nextBytes(data);
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol) {
        SSLEngine e = Peer.engine(ctx, role, protocol.equals(Peer.TLS12) ? SUITE12 : SUITE13);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        e.setSSLParameters(p);
        return e;
    }

    private static byte[] part(int i) {
        return java.util.Arrays.copyOfRange(data, i * 1000, i * 1000 + 1000 + i);
    }

    @ParameterizedTest
    @ValueSource(strings = {Peer.TLS12, "TLSv1.3"})
    void connectionsOfOneContextInterleaveRecordsAndStillRekeyWithSunJsse(String protocol) {
        SSLContext xtlsServer = Peer.XTLS.context(pki, pki.ecdsaP256());
        SSLContext sunClient = Peer.SUN.context(pki);
        List<EnginePair> pairs = List.of(
                EnginePair.of(engine(sunClient, Role.CLIENT, protocol), engine(xtlsServer, Role.SERVER, protocol),
                        EnginePair.Mode.NORMAL),
                EnginePair.of(engine(sunClient, Role.CLIENT, protocol), engine(xtlsServer, Role.SERVER, protocol),
                        EnginePair.Mode.NORMAL));
        pairs.forEach(EnginePair::handshake);
        for (int i = 0; i < 20; i++) { // each transfer's records under its own keys, the two connections in turn
            pairs.get(i % 2).transfer(part(i), part(i + 20));
        }
        // TLS 1.2: a renegotiation (RFC 5746); TLS 1.3: the Xtls server's beginHandshake sends a KeyUpdate (§4.6.3)
        pairs.get(0).renegotiate(Role.SERVER, data, data);
        for (int i = 0; i < 6; i++) {
            pairs.get(i % 2).transfer(part(i), part(i + 1));
        }
        assertEquals(protocol, pairs.get(0).engine(Role.SERVER).getSession().getProtocol());
        pairs.forEach(EnginePair::closeBoth);
    }

    @ParameterizedTest
    @ValueSource(strings = {Peer.TLS12, "TLSv1.3"})
    void theSslParametersAfterTheHandshakeAreThoseBefore(String protocol) {
        SSLEngine client = engine(Peer.XTLS.context(pki), Role.CLIENT, protocol);
        SSLEngine server = engine(Peer.XTLS.context(pki, pki.ecdsaP256()), Role.SERVER, protocol);
        SSLParameters p = server.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        p.setWantClientAuth(true);
        server.setSSLParameters(p);
        List<String> clientBefore = describe(client.getSSLParameters());
        List<String> serverBefore = describe(server.getSSLParameters());
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.transfer(part(0), part(1));
        assertEquals(clientBefore, describe(client.getSSLParameters()));
        assertEquals(serverBefore, describe(server.getSSLParameters()));
        assertArrayEquals(new String[] {protocol}, server.getEnabledProtocols());
        pair.closeBoth();
    }

    private static List<String> describe(SSLParameters p) {
        return List.of(String.join(",", p.getProtocols()), String.join(",", p.getCipherSuites()),
                String.valueOf(p.getServerNames()), String.valueOf(p.getEndpointIdentificationAlgorithm()),
                String.join(",", p.getApplicationProtocols()), p.getNeedClientAuth() + "/" + p.getWantClientAuth(),
                String.valueOf(p.getUseCipherSuitesOrder()), String.valueOf(p.getMaximumPacketSize()),
                String.valueOf(p.getSNIMatchers()), String.valueOf(p.getAlgorithmConstraints() != null));
    }
}
