package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.handshake.SuiteSpec;
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
 * Every suite Xtls implements, with every group it fits, against SunJSSE, Bouncy Castle JSSE and Xtls, both
 * directions: 1 MiB each way, close_notify at the end, the suite checked on both sides and the group on ours.
 */
class InProcessInteropTest {
    private static final int MIB = 1 << 20;
    private static final List<NamedGroup> EC_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1);
    private static final List<NamedGroup> FF_GROUPS = List.of(NamedGroup.FFDHE2048, NamedGroup.FFDHE3072,
            NamedGroup.FFDHE4096);
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
            for (SuiteSpec spec : SuiteSpec.ALL) {
                List<NamedGroup> groups = spec.keyExchange().isEcdhe() ? EC_GROUPS
                        : spec.keyExchange().isDhe() ? FF_GROUPS : java.util.Collections.singletonList(null);
                for (NamedGroup group : groups) {
                    out.add(Arguments.of(pair[0], pair[1], spec.suite().name(), group));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, {3}")
    @MethodSource("matrix")
    void negotiatesSuiteAndGroupAndCarriesOneMebibyteEachWay(Peer clientPeer, Peer serverPeer, String suite,
            NamedGroup group) {
        boolean ecdsa = suite.contains("ECDSA");
        // RFC 8422 §5.3: the ECDSA certificate's curve must be one the client lists
        Credential credential = !ecdsa ? pki.rsa2048()
                : NamedGroup.SECP384R1.equals(group) ? pki.ecdsaP384() : pki.ecdsaP256();
        SSLEngine client = clientPeer.engine(Role.CLIENT, pki, null, suite);
        SSLEngine server = serverPeer.engine(Role.SERVER, pki, credential, suite);
        SSLEngine xtls = clientPeer == Peer.XTLS ? client : server;
        if (group != null) {
            SSLParameters p = xtls.getSSLParameters();
            boolean listsCertificateCurve = ecdsa && xtls == client;
            p.setAlgorithmConstraints(new OnlyGroups(listsCertificateCurve && group.equals(NamedGroup.X25519)
                    ? Set.of(group, NamedGroup.SECP256R1) : Set.of(group)));
            xtls.setSSLParameters(p);
        }
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        assertEquals(suite, client.getSession().getCipherSuite());
        assertEquals(suite, server.getSession().getCipherSuite());
        assertEquals("TLSv1.2", client.getSession().getProtocol());
        assertEquals("TLSv1.2", server.getSession().getProtocol());
        assertEquals(group, ((XtlsSession) xtls.getSession()).details().group());
        // RFC 7366: SunJSSE has no encrypt_then_mac, so CBC runs MAC-then-encrypt with it; BCJSSE and Xtls use EtM
        boolean otherIsSun = clientPeer == Peer.SUN || serverPeer == Peer.SUN;
        assertEquals(suite.contains("_CBC_") && !otherIsSun,
                ((XtlsSession) xtls.getSession()).details().encryptThenMac());

        Random random = new Random(7);
        byte[] up = new byte[MIB];
        byte[] down = new byte[MIB];
        random.nextBytes(up);
        random.nextBytes(down);
        pair.transfer(up, down);
        pair.closeBoth();
        pair.assertLegalResults();
    }
}
