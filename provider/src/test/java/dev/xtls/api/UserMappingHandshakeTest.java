package dev.xtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * user_mapping (RFC 4681) carried in SupplementalData (RFC 4680) between Xtls engines set up through
 * {@link Xtls}: the hint reaches the server's session only when both sides agreed, right after ServerHelloDone.
 */
class UserMappingHandshakeTest {
    private static final int USER_MAPPING = 6;
    private static final int SUPPLEMENTAL_DATA = 23;
    private static final int CLIENT_KEY_EXCHANGE = 16;
    private static final UpnDomainHint HINT = new UpnDomainHint("alice@corp.example.com", "corp.example.com");
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine client(SSLContext ctx, boolean hint) {
        SSLEngine e = Peer.engine(ctx, Role.CLIENT);
        if (hint) {
            Xtls.setUpnDomainHint(e, HINT.userPrincipalName(), HINT.domainName());
        }
        return e;
    }

    private static SSLEngine server(SSLContext ctx, boolean request) {
        SSLEngine e = Peer.engine(ctx, Role.SERVER);
        Xtls.requestUserMapping(e, request);
        return e;
    }

    private static EnginePair connect(SSLEngine client, SSLEngine server) {
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer(new byte[] {1, 2, 3}, new byte[] {4});
        return pair;
    }

    /** The extension types of the client's first (plaintext) ClientHello, in order. */
    private static List<Integer> clientHelloExtensionTypes(EnginePair pair) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(PlaintextHandshake.of(pair.records(Role.CLIENT)).messages()
                .get(0).body());
        b.position(2 + 32);
        b.position(b.position() + 1 + (b.get(b.position()) & 0xFF));
        b.position(b.position() + 2 + (b.getShort(b.position()) & 0xFFFF));
        b.position(b.position() + 1 + (b.get(b.position()) & 0xFF));
        int end = b.position() + 2 + (b.getShort() & 0xFFFF);
        List<Integer> types = new java.util.ArrayList<>();
        while (b.position() < end) {
            types.add(b.getShort() & 0xFFFF);
            b.position(b.position() + 2 + (b.getShort(b.position()) & 0xFFFF) - 0);
        }
        return types;
    }

    private static List<Integer> clientFlight(EnginePair pair) {
        return PlaintextHandshake.of(pair.records(Role.CLIENT)).types();
    }

    @Test
    void serverThatAsksReceivesTheHintRightAfterServerHelloDone() {
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), true);
        EnginePair pair = connect(client(Peer.XTLS.context(pki), true), server);
        assertEquals(Optional.of(HINT), Xtls.upnDomainHint(server.getSession()));
        List<Integer> sent = clientFlight(pair);
        // RFC 4680 §3: SupplementalData is the client's first message after ServerHelloDone
        assertEquals(List.of(PlaintextHandshake.CLIENT_HELLO, SUPPLEMENTAL_DATA, CLIENT_KEY_EXCHANGE), sent);
    }

    @Test
    void doubleHandshakeSendsTheHintOnlyUnderEncryptionInTheSecondHandshake() {
        SSLEngine client = client(Peer.XTLS.context(pki), true);
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), true);
        Xtls.setSupplementalDataDoubleHandshake(client, true);
        Xtls.setSupplementalDataDoubleHandshake(server, true);
        EnginePair pair = connect(client, server);
        pair.transfer(new byte[] {5}, new byte[] {6, 7}); // the second handshake has run its course
        assertEquals(Optional.of(HINT), Xtls.upnDomainHint(server.getSession()),
                "RFC 4680 §4: the renegotiation carried the hint");
        // the first handshake, the only one in the clear, offers no user_mapping and carries no SupplementalData
        assertEquals(List.of(PlaintextHandshake.CLIENT_HELLO, CLIENT_KEY_EXCHANGE), clientFlight(pair));
        assertFalse(clientHelloExtensionTypes(pair).contains(USER_MAPPING), "the first ClientHello offers none");
    }

    @Test
    void doubleHandshakeClientKeepsItsFirstSessionWhenTheServerRefusesTheSecond() {
        SSLEngine client = client(Peer.XTLS.context(pki), true);
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), true); // no double handshake: refuses
        Xtls.setSupplementalDataDoubleHandshake(client, true);
        EnginePair pair = connect(client, server);
        pair.transfer(new byte[] {5}, new byte[] {6, 7});
        assertEquals(Optional.empty(), Xtls.upnDomainHint(server.getSession()),
                "client-initiated renegotiation refused by default: no hint, and the connection goes on");
        assertEquals(List.of(PlaintextHandshake.CLIENT_HELLO, CLIENT_KEY_EXCHANGE), clientFlight(pair));
    }

    @Test
    void serverThatDoesNotAskGetsNoSupplementalData() {
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), false);
        EnginePair pair = connect(client(Peer.XTLS.context(pki), true), server);
        assertEquals(Optional.empty(), Xtls.upnDomainHint(server.getSession()));
        assertFalse(clientFlight(pair).contains(SUPPLEMENTAL_DATA));
    }

    @Test
    void clientWithoutAHintOffersNothing() {
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), true);
        EnginePair pair = connect(client(Peer.XTLS.context(pki), false), server);
        assertEquals(Optional.empty(), Xtls.upnDomainHint(server.getSession()));
        assertFalse(clientFlight(pair).contains(SUPPLEMENTAL_DATA));
    }

    @Test
    void hintStaysWithTheSessionWhenItResumesFromATicket() {
        resumedSessionKeepsTheHint(Peer.XTLS.context(pki), Peer.XTLS.context(pki, pki.ecdsaP256()));
    }

    @Test
    void hintStaysWithTheSessionWhenItResumesById() {
        resumedSessionKeepsTheHint(Peer.XTLS.contextWithoutTickets(pki),
                Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256()));
    }

    private static void resumedSessionKeepsTheHint(SSLContext clientContext, SSLContext serverContext) {
        connect(client(clientContext, true), server(serverContext, true));
        SSLEngine server = server(serverContext, true);
        EnginePair second = connect(client(clientContext, true), server);
        assertTrue(PlaintextHandshake.of(second.records(Role.SERVER)).types().size() == 1, "abbreviated handshake");
        assertFalse(clientFlight(second).contains(SUPPLEMENTAL_DATA));
        assertEquals(Optional.of(HINT), Xtls.upnDomainHint(server.getSession()));
    }

    @Test
    void serverRejectsSupplementalDataItDidNotAskForWithUnexpectedMessage() {
        // the server never sees the client's offer; the client is told the server agreed
        SSLEngine client = client(Peer.XTLS.context(pki), true);
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), true);
        EnginePair pair = EnginePair.builder(client, server)
                .intercept(Role.CLIENT, HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, USER_MAPPING))
                .intercept(Role.SERVER, HelloExtensions.with(PlaintextHandshake.SERVER_HELLO, USER_MAPPING,
                        new byte[] {1, 64}))
                .build();
        Failure failure = pair.expectHandshakeFailure();
        assertEquals(Optional.of("unexpected_message"), failure.alertReceivedBy(Role.CLIENT));
        assertTrue(failure.of(Role.SERVER).orElseThrow().getMessage().contains("supplemental_data"),
                () -> failure.server().getMessage());
    }

    @Test
    void clientRefusesAnEchoListingATypeItDidNotOffer() {
        SSLEngine client = client(Peer.XTLS.context(pki), true);
        SSLEngine server = server(Peer.XTLS.context(pki, pki.ecdsaP256()), false);
        EnginePair pair = EnginePair.builder(client, server)
                .intercept(Role.SERVER, HelloExtensions.with(PlaintextHandshake.SERVER_HELLO, USER_MAPPING,
                        new byte[] {2, 64, 7}))
                .build();
        Failure failure = pair.expectHandshakeFailure();
        assertEquals(Optional.of("illegal_parameter"), failure.alertReceivedBy(Role.SERVER));
        assertTrue(failure.of(Role.CLIENT).orElseThrow().getMessage().contains("RFC 4681"),
                () -> failure.client().getMessage());
    }
}
