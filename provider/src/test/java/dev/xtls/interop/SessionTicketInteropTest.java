package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.TicketKeyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5077 session tickets between Xtls and SunJSSE (tickets on by default on both sides since JDK 13), both ways,
 * and Bouncy Castle JSSE, which has none and still resumes by id. A resumption proves it used the ticket when the
 * server that resumes has never seen the session id: another Xtls context sharing the key file.
 */
class SessionTicketInteropTest {
    private static final int NEW_SESSION_TICKET = 4;
    private static final int SESSION_TICKET = 35;
    private static TestPki pki;
    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLContext xtlsServer(Path keyFile) throws Exception {
        SSLContext ctx = Peer.XTLS.context(pki, pki.ecdsaP256());
        Xtls.useSessionTicketKeys(ctx, keyFile);
        return ctx;
    }


    private static EnginePair connect(SSLContext client, SSLContext server) {
        EnginePair pair = EnginePair.of(Peer.engine(client, Role.CLIENT), Peer.engine(server, Role.SERVER),
                EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
        return pair;
    }

    private static PlaintextHandshake flight(EnginePair pair, Role from) {
        return PlaintextHandshake.of(pair.records(from));
    }

    private static boolean resumed(EnginePair pair) {
        return !flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE);
    }

    /** The SessionTicket extension's data in the client's first ClientHello; null without it. */
    static byte[] ticketOffered(EnginePair pair) {
        return HelloExtensionReader.extension(pair, Role.CLIENT, SESSION_TICKET);
    }

    @Test
    void sunJsseClientResumesByTicketOnAnotherXtlsServerSharingTheKeyFile() throws Exception {
        Path keys = TicketKeyFiles.withNewKey(dir);
        SSLContext client = Peer.SUN.context(pki);
        EnginePair first = connect(client, xtlsServer(keys));
        assertTrue(flight(first, Role.SERVER).has(NEW_SESSION_TICKET), "Xtls issued a ticket to SunJSSE");
        EnginePair second = connect(client, xtlsServer(keys));
        assertTrue(ticketOffered(second).length > 0, "SunJSSE offered the ticket");
        assertTrue(resumed(second), "a server that never saw the id resumed: " + flight(second, Role.SERVER).types());
        assertArrayEquals(flight(second, Role.CLIENT).helloSessionId(), flight(second, Role.SERVER).helloSessionId(),
                "RFC 5077 §3.4: the ClientHello's session id echoed");
    }

    /**
     * RFC 5077 §3.4 lets the ticket carry the session: SunJSSE 17 then keeps no entry in its server session cache
     * (Finished.T12FinishedProducer) and still sends a session id in the ServerHello; Xtls does the same.
     */
    @Test
    void serverThatIssuedATicketKeepsNoSessionInItsCacheAsSunJsse() throws Exception {
        SSLContext sunServer = Peer.SUN.context(pki, pki.ecdsaP256());
        SSLContext xtlsServer = xtlsServer(TicketKeyFiles.withNewKey(dir));
        for (SSLContext server : List.of(sunServer, xtlsServer)) {
            String who = server.getProvider().getName();
            SSLContext client = Peer.SUN.context(pki);
            EnginePair first = connect(client, server);
            assertTrue(flight(first, Role.SERVER).has(NEW_SESSION_TICKET), who + " issued a ticket");
            assertFalse(server.getServerSessionContext().getIds().hasMoreElements(), who + " cached the session");
            assertSame(server.getServerSessionContext(), first.engine(Role.SERVER).getSession().getSessionContext(),
                    who + ": the session still names its context");
            assertEquals(32, flight(first, Role.SERVER).helloSessionId().length,
                    who + ": a session id in the ServerHello");
            EnginePair second = connect(client, server);
            assertTrue(resumed(second), who + " resumed by ticket: " + flight(second, Role.SERVER).types());
            assertFalse(server.getServerSessionContext().getIds().hasMoreElements(), who + " cached the resumed one");
        }
    }

    @Test
    void xtlsClientResumesByTicketWithASunJsseServer() {
        SSLContext client = Peer.XTLS.context(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        EnginePair first = connect(client, server);
        assertArrayEquals(new byte[0], ticketOffered(first), "Xtls asks for a ticket");
        assertTrue(flight(first, Role.SERVER).has(NEW_SESSION_TICKET), "SunJSSE issued one");
        SSLEngine firstClient = first.engine(Role.CLIENT);

        EnginePair second = connect(client, server);
        byte[] ticket = ticketOffered(second);
        assertTrue(ticket.length > 0, "Xtls offers SunJSSE's ticket");
        assertTrue(resumed(second), "SunJSSE resumed: " + flight(second, Role.SERVER).types());
        byte[] offeredId = flight(second, Role.CLIENT).helloSessionId();
        assertEquals(32, offeredId.length);
        assertNotEquals(HexFormat.of().formatHex(firstClient.getSession().getId()), HexFormat.of().formatHex(offeredId),
                "RFC 5077 §3.4: a fresh id with the ticket");
        assertSame(firstClient.getSession(), second.engine(Role.CLIENT).getSession(),
                "the application sees the same session as after a resumption by id");
    }

    @Test
    void xtlsClientTakesTheRenewedTicketSunJsseSendsOnResumption() {
        SSLContext client = Peer.XTLS.context(pki);
        SSLContext server = Peer.SUN.context(pki, pki.ecdsaP256());
        connect(client, server);
        EnginePair second = connect(client, server);
        EnginePair third = connect(client, server);
        assertTrue(resumed(second) && resumed(third));
        assertEquals(List.of(PlaintextHandshake.SERVER_HELLO, NEW_SESSION_TICKET), flight(second, Role.SERVER).types(),
                "SunJSSE renews the ticket on every resumption (RFC 5077 §3.1, Figure 2)");
        assertFalse(java.util.Arrays.equals(ticketOffered(second), ticketOffered(third)),
                "RFC 5077 §3.3: the renewed ticket replaces the old one");
    }

    @Test
    void xtlsAndXtlsResumeByTicketAcrossContextsSharingAKeyFile() throws Exception {
        Path keys = TicketKeyFiles.withNewKey(dir);
        SSLContext client = Peer.XTLS.context(pki);
        connect(client, xtlsServer(keys));
        EnginePair second = connect(client, xtlsServer(keys));
        assertEquals(List.of(PlaintextHandshake.SERVER_HELLO), flight(second, Role.SERVER).types());
    }

    @Test
    void bouncyCastleClientWithoutTicketsStillResumesById() throws Exception {
        SSLContext client = Peer.BC.context(pki);
        SSLContext server = xtlsServer(TicketKeyFiles.withNewKey(dir));
        EnginePair first = connect(client, server);
        assertFalse(flight(first, Role.SERVER).has(NEW_SESSION_TICKET), "not asked for, not sent");
        EnginePair second = connect(client, server);
        assertTrue(resumed(second));
        assertArrayEquals(first.engine(Role.SERVER).getSession().getId(), flight(second, Role.CLIENT).helloSessionId());
    }
}
