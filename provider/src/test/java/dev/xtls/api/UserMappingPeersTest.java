package dev.xtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Peers that do not know user_mapping (SunJSSE, Bouncy Castle JSSE) ignore it (RFC 5246 §7.4.1.4): the handshake
 * completes as without it, and no SupplementalData is sent.
 */
class UserMappingPeersTest {
    private static final int USER_MAPPING = 6;
    private static final int SUPPLEMENTAL_DATA = 23;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void xtlsClientOfferingUserMappingConnectsToAPeerThatIgnoresIt(Peer peer) {
        SSLEngine client = Peer.engine(Peer.XTLS.context(pki), Role.CLIENT);
        Xtls.setUpnDomainHint(client, "alice@example.com", "example.com");
        EnginePair pair = EnginePair.of(client, peer.engine(Role.SERVER, pki, pki.ecdsaP256()),
                EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer(new byte[] {1}, new byte[] {2});
        assertTrue(helloExtensionTypes(pair, Role.CLIENT).contains(USER_MAPPING), "the offer was made");
        assertFalse(PlaintextHandshake.of(pair.records(Role.CLIENT)).has(SUPPLEMENTAL_DATA));
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void peerClientConnectsToAnXtlsServerThatAcceptsUserMapping(Peer peer) {
        SSLEngine server = Peer.engine(Peer.XTLS.context(pki, pki.ecdsaP256()), Role.SERVER);
        Xtls.requestUserMapping(server, true);
        EnginePair pair = EnginePair.of(peer.engine(Role.CLIENT, pki, null), server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer(new byte[] {1}, new byte[] {2});
        assertEquals(Optional.empty(), Xtls.upnDomainHint(server.getSession()));
        assertFalse(helloExtensionTypes(pair, Role.SERVER).contains(USER_MAPPING), "nothing to echo");
    }

    /** The extension types in the hello {@code side} sent (RFC 5246 §7.4.1.2-3). */
    private static List<Integer> helloExtensionTypes(EnginePair pair, Role side) {
        PlaintextHandshake.Message hello = PlaintextHandshake.of(pair.records(side)).messages().get(0);
        ByteBuffer b = ByteBuffer.wrap(hello.body());
        b.position(2 + 32);
        b.position(b.position() + 1 + (b.get(b.position()) & 0xFF)); // session_id
        if (side == Role.CLIENT) {
            b.position(b.position() + 2 + (b.getShort(b.position()) & 0xFFFF)); // cipher_suites
            b.position(b.position() + 1 + (b.get(b.position()) & 0xFF)); // compression_methods
        } else {
            b.position(b.position() + 3); // cipher_suite, compression_method
        }
        List<Integer> types = new ArrayList<>();
        int end = b.position() + 2 + (b.getShort() & 0xFFFF);
        while (b.position() < end) {
            types.add(b.getShort() & 0xFFFF);
            b.position(b.position() + 2 + (b.getShort(b.position()) & 0xFFFF));
        }
        return types;
    }
}
