package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code SSLSession.invalidate()} on a TLS 1.3 session (RFC 8446 §4.6.1 tickets): a client never offers a ticket of
 * a session invalidated on the client, as SunJSSE; a server still accepts a ticket of a session invalidated on
 * the server, as SunJSSE does with its stateless tickets (the ticket carries the session; nothing is kept to
 * revoke). Checked on the wire: pre_shared_key in the ClientHello and in the ServerHello.
 */
class Tls13InvalidatedSessionTest {
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine engine(SSLContext ctx, Role role) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"});
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair connect(SSLContext client, SSLContext server) {
        EnginePair pair = EnginePair.of(engine(client, Role.CLIENT), engine(server, Role.SERVER), Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
        return pair;
    }

    private static boolean offersTicket(EnginePair pair) {
        return HelloExtensionReader.extension(pair, Role.CLIENT, HelloExtensionReader.PRE_SHARED_KEY) != null;
    }

    // SunJSSE: a TLS 1.3 session has no session id and is valid until invalidated or expired
    @ParameterizedTest(name = "{0} client, {1} server")
    @CsvSource({"XTLS, SUN", "XTLS, XTLS", "SUN, SUN", "SUN, XTLS"})
    void aTls13SessionIsValidUntilInvalidated(Peer clientPeer, Peer serverPeer) {
        EnginePair pair = connect(clientPeer.context(pki), serverPeer.context(pki, pki.ecdsaP256()));
        for (Role role : Role.values()) {
            SSLSession session = pair.engine(role).getSession();
            assertTrue(session.isValid(), role + " session valid after the handshake");
            session.invalidate();
            assertFalse(session.isValid(), role + " session invalid once invalidated");
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @CsvSource({"XTLS, SUN", "XTLS, XTLS", "SUN, SUN", "SUN, XTLS"})
    void aClientOffersNoTicketOfASessionItInvalidated(Peer clientPeer, Peer serverPeer) {
        SSLContext client = clientPeer.context(pki);
        SSLContext server = serverPeer.context(pki, pki.ecdsaP256());
        SSLSession invalidated = connect(client, server).engine(Role.CLIENT).getSession();
        invalidated.invalidate();
        EnginePair second = connect(client, server);
        assertFalse(offersTicket(second), "no ticket of the invalidated session is offered");
        assertFalse(HelloExtensionReader.resumedTls13(second));
        assertNotSame(invalidated, second.engine(Role.CLIENT).getSession());
        EnginePair third = connect(client, server);
        assertTrue(HelloExtensionReader.resumedTls13(third), "the new session's tickets are offered again");
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @CsvSource({"XTLS, SUN", "XTLS, XTLS", "SUN, SUN", "SUN, XTLS"})
    void aClientOffersNoTicketOfAResumedSessionItInvalidated(Peer clientPeer, Peer serverPeer) {
        SSLContext client = clientPeer.context(pki);
        SSLContext server = serverPeer.context(pki, pki.ecdsaP256());
        connect(client, server);
        EnginePair resumed = connect(client, server);
        assertTrue(HelloExtensionReader.resumedTls13(resumed));
        resumed.engine(Role.CLIENT).getSession().invalidate();
        EnginePair third = connect(client, server);
        assertFalse(offersTicket(third));
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @CsvSource({"XTLS, SUN", "XTLS, XTLS", "SUN, SUN", "SUN, XTLS"})
    void invalidatingASessionWithdrawsTheTicketsOfConnectionsResumedFromIt(Peer clientPeer, Peer serverPeer) {
        SSLContext client = clientPeer.context(pki);
        SSLContext server = serverPeer.context(pki, pki.ecdsaP256());
        SSLSession first = connect(client, server).engine(Role.CLIENT).getSession();
        assertTrue(HelloExtensionReader.resumedTls13(connect(client, server)));
        first.invalidate();
        assertFalse(offersTicket(connect(client, server)));
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @CsvSource({"XTLS, SUN", "XTLS, XTLS", "SUN, SUN", "SUN, XTLS"})
    void aServerStillAcceptsATicketOfASessionItInvalidated(Peer clientPeer, Peer serverPeer) {
        SSLContext client = clientPeer.context(pki);
        SSLContext server = serverPeer.context(pki, pki.ecdsaP256());
        connect(client, server).engine(Role.SERVER).getSession().invalidate();
        EnginePair second = connect(client, server);
        assertTrue(offersTicket(second));
        assertTrue(HelloExtensionReader.resumedTls13(second), "a stateless ticket carries its session");
    }
}
