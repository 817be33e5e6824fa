package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.NamedGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 (RFC 8446) with every 1.3 suite, over x25519 and secp256r1, against SunJSSE, Bouncy Castle JSSE and Xtls,
 * both directions: 1 MiB each way, close_notify at the end; protocol and suite checked on both sides.
 */
class Tls13InProcessInteropTest {
    static final String TLS13 = "TLSv1.3";
    private static final int MIB = 1 << 20;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    static Stream<Arguments> matrix() {
        Peer[][] pairs = {{Peer.XTLS, Peer.XTLS}, {Peer.XTLS, Peer.SUN}, {Peer.SUN, Peer.XTLS},
                {Peer.XTLS, Peer.BC}, {Peer.BC, Peer.XTLS}};
        List<Arguments> out = new ArrayList<>();
        for (Peer[] pair : pairs) {
            for (Tls13Suite suite : Tls13Suite.ALL) {
                for (NamedGroup group : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
                    out.add(Arguments.of(pair[0], pair[1], suite.suite().name(), group));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> pumping() {
        List<Arguments> out = new ArrayList<>();
        for (Mode mode : List.of(Mode.ONE_BYTE_AT_A_TIME, Mode.TINY_BUFFERS)) {
            out.add(Arguments.of(Peer.XTLS, Peer.SUN, mode));
            out.add(Arguments.of(Peer.SUN, Peer.XTLS, mode));
            out.add(Arguments.of(Peer.XTLS, Peer.XTLS, mode));
        }
        return out.stream();
    }

    /** Partial records and buffers too small for a record's inner plaintext: underflow and overflow, no loss. */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pumping")
    void survivesByteAtATimeDeliveryAndTinyBuffers(Peer clientPeer, Peer serverPeer, Mode mode) {
        SSLEngine client = engine(clientPeer, Role.CLIENT, null, "TLS_AES_128_GCM_SHA256");
        SSLEngine server = engine(serverPeer, Role.SERVER, pki.ecdsaP256(), "TLS_AES_128_GCM_SHA256");
        EnginePair pair = EnginePair.of(client, server, mode);
        pair.handshake();
        assertEquals(TLS13, client.getSession().getProtocol());
        Random random = new Random(17);
        byte[] up = new byte[40_000];
        byte[] down = new byte[40_000];
        random.nextBytes(up);
        random.nextBytes(down);
        pair.transfer(up, down);
        pair.closeBoth();
        pair.assertLegalResults();
    }

    /** An engine of {@code peer} for TLS 1.3 only, restricted to {@code suite} if given. */
    static SSLEngine engine(Peer peer, Role role, Credential credential, String... suites) {
        SSLEngine e = peer.engine(role, pki, credential, suites);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {TLS13});
        e.setSSLParameters(p);
        return e;
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, {3}")
    @MethodSource("matrix")
    void negotiatesTls13SuiteAndGroupAndCarriesOneMebibyteEachWay(Peer clientPeer, Peer serverPeer, String suite,
            NamedGroup group) {
        SSLEngine client = engine(clientPeer, Role.CLIENT, null, suite);
        SSLEngine server = engine(serverPeer, Role.SERVER, pki.ecdsaP256(), suite);
        SSLEngine xtls = clientPeer == Peer.XTLS ? client : server;
        SSLParameters p = xtls.getSSLParameters();
        p.setAlgorithmConstraints(new OnlyGroups(Set.of(group)));
        xtls.setSSLParameters(p);
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertEquals(TLS13, client.getSession().getProtocol());
        assertEquals(TLS13, server.getSession().getProtocol());
        assertEquals(suite, client.getSession().getCipherSuite());
        assertEquals(suite, server.getSession().getCipherSuite());
        assertEquals(group, ((XtlsSession) xtls.getSession()).details().group());

        Random random = new Random(13);
        byte[] up = new byte[MIB];
        byte[] down = new byte[MIB];
        random.nextBytes(up);
        random.nextBytes(down);
        pair.transfer(up, down);
        pair.closeBoth();
        pair.assertLegalResults();
    }
}
