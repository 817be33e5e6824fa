package dev.xtls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.EnginePair.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** EnginePair against implementations that already work: SunJSSE and BCJSSE, both directions. */
class EnginePairTest {

    static final String ECDSA_AES128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    static final String RSA_AES256 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    static final int MIB = 1 << 20;

    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        Peer[][] peers = {{Peer.SUN, Peer.SUN}, {Peer.SUN, Peer.BC}, {Peer.BC, Peer.SUN}, {Peer.XTLS, Peer.XTLS},
                {Peer.XTLS, Peer.SUN}, {Peer.SUN, Peer.XTLS}, {Peer.XTLS, Peer.BC}, {Peer.BC, Peer.XTLS}};
        for (Peer[] p : peers) {
            for (String suite : List.of(ECDSA_AES128, RSA_AES256)) {
                for (Mode m : Mode.values()) {
                    out.add(Arguments.of(p[0], p[1], suite, m));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, {3}")
    @MethodSource("pairs")
    void handshakesTransfersOneMebibyteEachWayAndCloses(Peer clientPeer, Peer serverPeer, String suite, Mode mode) {
        Credential cred = suite.contains("ECDSA") ? pki.ecdsaP256() : pki.rsa2048();
        SSLEngine client = clientPeer.engine(Role.CLIENT, pki, null, suite);
        SSLEngine server = serverPeer.engine(Role.SERVER, pki, cred, suite);
        EnginePair pair = EnginePair.of(client, server, mode);

        pair.handshake();
        assertEquals(suite, client.getSession().getCipherSuite());
        assertEquals(suite, server.getSession().getCipherSuite());
        assertEquals("TLSv1.2", client.getSession().getProtocol());

        Random rnd = new Random(42);
        byte[] c2s = new byte[MIB];
        byte[] s2c = new byte[MIB];
        rnd.nextBytes(c2s);
        rnd.nextBytes(s2c);
        pair.transfer(c2s, s2c);
        pair.closeBoth();
        pair.assertLegalResults();

        assertEquals(1, pair.count(Role.CLIENT, HandshakeStatus.FINISHED));
        assertEquals(1, pair.count(Role.SERVER, HandshakeStatus.FINISHED));
        switch (mode) {
            case ONE_BYTE_AT_A_TIME -> assertTrue(pair.count(Role.SERVER, Op.UNWRAP, Status.BUFFER_UNDERFLOW) > MIB,
                    "each partial record must underflow");
            case TINY_BUFFERS -> {
                for (Role r : Role.values()) {
                    assertTrue(pair.count(r, Op.WRAP, Status.BUFFER_OVERFLOW) > 0, r + " wrap overflow");
                    assertTrue(pair.count(r, Op.UNWRAP, Status.BUFFER_OVERFLOW) > 0, r + " unwrap overflow");
                    assertTrue(pair.count(r, Op.UNWRAP, Status.BUFFER_UNDERFLOW) > 0, r + " unwrap underflow");
                }
            }
            case NORMAL -> {
                for (Role r : Role.values()) {
                    assertEquals(0, pair.count(r, Op.WRAP, Status.BUFFER_OVERFLOW), r + " wrap overflow");
                    assertEquals(0, pair.count(r, Op.UNWRAP, Status.BUFFER_OVERFLOW), r + " unwrap overflow");
                }
            }
        }
    }
}
