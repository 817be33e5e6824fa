package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 7627 §5.3: a session resumes only the way it was made, with or without the extended master secret. These
 * cases need an Xtls side with the extension turned off ({@code jdk.tls.useExtendedMasterSecret=false}), which
 * SunJSSE and BCJSSE read once per JVM; so both ends are Xtls engines whose contexts share one client and one
 * server session cache, as if one context had been reconfigured between connections.
 */
class ExtendedMasterSecretResumptionTest {
    private static final int EXTENDED_MASTER_SECRET = 23;
    private static TestPki pki;
    private final XtlsSessionContext clientCache = new XtlsSessionContext(System::currentTimeMillis, true);
    private final XtlsSessionContext serverCache = new XtlsSessionContext(System::currentTimeMillis);

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private ContextState context(boolean ems) {
        ProtocolDefaults defaults = TestContexts.defaults(
                ems ? Map.of() : Map.of("jdk.tls.useExtendedMasterSecret", "false"), Map.of());
        SessionTickets tickets = new SessionTickets(serverCache, System::currentTimeMillis);
        ContextState state = new ContextState(pki.keyManager(pki.ecdsaP256()), pki.trustManager(), new SecureRandom(),
                defaults, clientCache, serverCache, tickets, JcaTlsCrypto::new, System::currentTimeMillis);
        try {
            // sessions resume by id here; SessionTicketTest checks RFC 7627 §5.3 for tickets
            tickets.configure(name -> name.endsWith("enableSessionTicketExtension") ? "false" : null, state::crypto);
        } catch (KeyManagementException e) {
            throw new AssertionError(e);
        }
        return state;
    }

    private SSLEngine client(boolean ems) {
        XtlsSSLEngine e = new XtlsSSLEngine(context(ems), "localhost", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private SSLEngine server(boolean ems) {
        XtlsSSLEngine e = new XtlsSSLEngine(context(ems), null, -1);
        e.setUseClientMode(false);
        return e;
    }

    private static EnginePair connect(SSLEngine client, SSLEngine server) {
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer(new byte[] {1, 2, 3}, new byte[] {4, 5});
        return pair;
    }

    private static boolean usedEms(SSLEngine engine) {
        return ((XtlsSession) engine.getSession()).state().extendedMasterSecret();
    }

    private static PlaintextHandshake flight(EnginePair pair, Role from) {
        return PlaintextHandshake.of(pair.records(from));
    }

    @Test
    void sessionMadeWithoutTheExtensionResumesWithoutIt() {
        SSLEngine first = client(false);
        connect(first, server(false));
        assertFalse(usedEms(first));
        SSLEngine second = client(true);
        EnginePair pair = connect(second, server(false));
        assertTrue(flight(pair, Role.CLIENT).has(PlaintextHandshake.CLIENT_HELLO));
        assertEquals(java.util.List.of(PlaintextHandshake.SERVER_HELLO), flight(pair, Role.SERVER).types(),
                "resumed: the client sends the extension (RFC 7627 §5.3), this server does not use it");
        assertArrayEquals(first.getSession().getId(), second.getSession().getId());
    }

    @Test
    void serverDoesAFullHandshakeWhenASessionWithoutTheExtensionIsOfferedWithIt() {
        SSLEngine first = client(false);
        connect(first, server(false));
        SSLEngine second = client(true);
        EnginePair pair = connect(second, server(true));
        assertArrayEquals(first.getSession().getId(), flight(pair, Role.CLIENT).helloSessionId(), "offered");
        assertTrue(flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertFalse(java.util.Arrays.equals(first.getSession().getId(), second.getSession().getId()));
        assertTrue(usedEms(second), "the new session uses the extension");
    }

    @Test
    void clientAbortsWhenTheServerResumesASessionWithoutTheExtensionButSendsIt() {
        connect(client(false), server(false));
        SSLEngine client = client(true);
        Failure f = EnginePair.builder(client, server(false)).lenient()
                .intercept(Role.SERVER, HelloExtensions.with(PlaintextHandshake.SERVER_HELLO, EXTENDED_MASTER_SECRET,
                        new byte[0]))
                .build().expectHandshakeFailure();
        assertEquals("handshake_failure", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertTrue(f.client().getMessage().contains("established without extended_master_secret"),
                f.client().getMessage());
    }

    @Test
    void clientDoesNotOfferASessionWithTheExtensionOnceItStopsSendingIt() {
        SSLEngine first = client(true);
        connect(first, server(true));
        assertTrue(usedEms(first));
        EnginePair pair = connect(client(false), server(true));
        assertEquals(0, flight(pair, Role.CLIENT).helloSessionId().length, "RFC 7627 §5.3: it cannot resume");
        assertTrue(flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE));
    }

    @Test
    void serverDoesAFullHandshakeWhenItStopsUsingTheExtensionForASessionMadeWithIt() {
        SSLEngine first = client(true);
        connect(first, server(true));
        SSLEngine second = client(true);
        EnginePair pair = connect(second, server(false));
        assertArrayEquals(first.getSession().getId(), flight(pair, Role.CLIENT).helloSessionId(), "offered");
        assertTrue(flight(pair, Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertFalse(usedEms(second));
    }
}
