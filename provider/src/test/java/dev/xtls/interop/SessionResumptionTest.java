package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session resumption by id (RFC 5246 §7.3, Figure 2) between Xtls and SunJSSE or Bouncy Castle JSSE, both ways:
 * a second connection from the same client context to the same server context resumes, which the wire shows (the
 * server's flight is a ServerHello alone, with the first session's id) and both sessions report; everything that
 * must not resume falls back to a full handshake or fails as SunJSSE does. Xtls contexts here use no session
 * tickets, so that every resumption is by id; {@code SessionTicketTest} resumes by ticket.
 */
class SessionResumptionTest {
    private static final int EXTENDED_MASTER_SECRET = 23;
    private static final int SERVER_NAME = 0;
    private static final String AES_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES_256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    /** One connection: handshake, a line each way, close_notify both ways. */
    private record Connection(EnginePair pair, SSLEngine client, SSLEngine server) {
        SSLSession session(Role side) {
            return (side == Role.CLIENT ? client : server).getSession();
        }

        PlaintextHandshake flight(Role from) {
            return PlaintextHandshake.of(pair.records(from));
        }

        String offeredId() {
            return hex(flight(Role.CLIENT).helloSessionId());
        }

        String sessionId() {
            assertArrayEquals(client.getSession().getId(), server.getSession().getId(), "both sides' session id");
            return hex(client.getSession().getId());
        }

        /** The server answered with ServerHello alone (then ChangeCipherSpec, Finished): no Certificate. */
        boolean resumed() {
            return flight(Role.SERVER).types().equals(List.of(PlaintextHandshake.SERVER_HELLO));
        }
    }

    private static Connection connect(SSLContext client, SSLContext server) {
        return connect(client, server, e -> { }, e -> { });
    }

    private static Connection connect(SSLContext clientContext, SSLContext serverContext,
            Consumer<SSLEngine> clientSetup, Consumer<SSLEngine> serverSetup) {
        SSLEngine client = Peer.engine(clientContext, Role.CLIENT);
        SSLEngine server = Peer.engine(serverContext, Role.SERVER);
        clientSetup.accept(client);
        serverSetup.accept(server);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("hello server\n".getBytes(StandardCharsets.US_ASCII),
                "hello client\n".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
        return new Connection(pair, client, server);
    }

    private static Failure failToConnect(SSLContext clientContext, SSLContext serverContext,
            Consumer<SSLEngine> clientSetup, Consumer<SSLEngine> serverSetup) {
        SSLEngine client = Peer.engine(clientContext, Role.CLIENT);
        SSLEngine server = Peer.engine(serverContext, Role.SERVER);
        clientSetup.accept(client);
        serverSetup.accept(server);
        return EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
    }

    private static SSLContext serverContext(Peer peer) {
        return peer.contextWithoutTickets(pki, pki.ecdsaP256());
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static List<Peer[]> pairs() {
        return List.of(new Peer[] {Peer.XTLS, Peer.SUN}, new Peer[] {Peer.SUN, Peer.XTLS},
                new Peer[] {Peer.XTLS, Peer.BC}, new Peer[] {Peer.BC, Peer.XTLS}, new Peer[] {Peer.XTLS, Peer.XTLS});
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("pairs")
    void secondConnectionFromTheSameClientContextResumesTheSession(Peer clientPeer, Peer serverPeer)
            throws Exception {
        SSLContext clientContext = clientPeer.contextWithoutTickets(pki);
        SSLContext serverContext = serverContext(serverPeer);
        Connection first = connect(clientContext, serverContext);
        assertTrue(first.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "the first handshake is full");
        Role xtls = clientPeer == Peer.XTLS ? Role.CLIENT : Role.SERVER;
        first.session(xtls).putValue("app.state", "kept");

        Connection second = connect(clientContext, serverContext);
        assertTrue(second.resumed(), "the server's second flight: " + second.flight(Role.SERVER).types());
        assertEquals(first.sessionId(), second.offeredId(), "the client offers the first session");
        assertEquals(first.sessionId(), second.sessionId(), "both sides resumed the first session");
        assertEquals(first.session(Role.CLIENT).getCipherSuite(), second.session(Role.CLIENT).getCipherSuite());
        assertEquals(first.session(Role.SERVER).getCipherSuite(), second.session(Role.SERVER).getCipherSuite());

        SSLSession before = first.session(xtls);
        SSLSession after = second.session(xtls);
        assertSame(before, after, "the Xtls engine reports the resumed session object");
        assertEquals(before.getCreationTime(), after.getCreationTime());
        assertEquals("kept", after.getValue("app.state"), "values bound to the session survive resumption");
        assertTrue(after.getLastAccessedTime() >= after.getCreationTime());
        Certificate[] server = xtls == Role.CLIENT ? after.getPeerCertificates() : after.getLocalCertificates();
        assertEquals(pki.ecdsaP256().chain()[0], server[0], "the server certificate stays with the session");
        assertTrue(second.client.getSession().getPeerCertificates().length > 0);
        if (clientPeer == Peer.XTLS && serverPeer == Peer.XTLS) {
            assertSame(first.session(Role.SERVER), second.session(Role.SERVER));
        }
    }

    @ParameterizedTest(name = "{0} server forgot the session")
    @EnumSource(value = Peer.class, names = {"SUN", "BC", "XTLS"})
    void clientFallsBackToAFullHandshakeWhenTheServerDoesNotResume(Peer serverPeer) {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        Connection first = connect(client, serverContext(serverPeer));
        SSLContext freshServer = serverContext(serverPeer);
        Connection second = connect(client, freshServer);
        assertEquals(first.sessionId(), second.offeredId(), "the client offers the first session");
        assertTrue(second.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertNotEquals(first.sessionId(), second.sessionId());
        assertNotEquals(first.session(Role.CLIENT), second.session(Role.CLIENT));

        Connection third = connect(client, freshServer);
        assertTrue(third.resumed(), "the new session is the one offered next");
        assertEquals(second.sessionId(), third.sessionId());
    }

    @ParameterizedTest(name = "{0} client offers a session the server does not know")
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void serverAnswersAnUnknownSessionIdWithAFullHandshake(Peer clientPeer) {
        SSLContext client = clientPeer.contextWithoutTickets(pki);
        Connection first = connect(client, serverContext(Peer.XTLS));
        Connection second = connect(client, serverContext(Peer.XTLS));
        assertEquals(first.sessionId(), second.offeredId(), "the peer offers the first session");
        assertTrue(second.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertNotEquals(first.sessionId(), second.sessionId());
    }

    @Test
    void invalidatedSessionIsNotOffered() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        Connection first = connect(client, server);
        first.session(Role.CLIENT).invalidate();
        assertFalse(first.session(Role.CLIENT).isValid());
        Connection second = connect(client, server);
        assertEquals("", second.offeredId(), "no session offered");
        assertTrue(second.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
    }

    @Test
    void invalidatedSessionIsNotResumedByTheServer() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        Connection first = connect(client, server);
        first.session(Role.SERVER).invalidate();
        Connection second = connect(client, server);
        assertEquals(first.sessionId(), second.offeredId(), "SunJSSE still offers its session");
        assertTrue(second.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertNotEquals(first.sessionId(), second.sessionId());
    }

    @Test
    void expiredSessionsAreNeitherOfferedNorResumed() throws InterruptedException {
        SSLContext xtlsClient = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext sunServer = serverContext(Peer.SUN);
        SSLContext sunClient = Peer.SUN.contextWithoutTickets(pki);
        SSLContext xtlsServer = serverContext(Peer.XTLS);
        xtlsClient.getClientSessionContext().setSessionTimeout(1);
        xtlsServer.getServerSessionContext().setSessionTimeout(1);
        Connection clientFirst = connect(xtlsClient, sunServer);
        Connection serverFirst = connect(sunClient, xtlsServer);
        Thread.sleep(1_100);

        Connection clientSecond = connect(xtlsClient, sunServer);
        assertEquals("", clientSecond.offeredId(), "the Xtls client offers no expired session");
        assertNotEquals(clientFirst.sessionId(), clientSecond.sessionId());
        Connection serverSecond = connect(sunClient, xtlsServer);
        assertEquals(serverFirst.sessionId(), serverSecond.offeredId(), "SunJSSE's own timeout is a day");
        assertTrue(serverSecond.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertNotEquals(serverFirst.sessionId(), serverSecond.sessionId());
    }

    @Test
    void clientWithSessionCreationDisabledAndNoCachedSessionFails() {
        SSLEngine client = Peer.engine(Peer.XTLS.contextWithoutTickets(pki), Role.CLIENT);
        client.setEnableSessionCreation(false);
        EnginePair pair = EnginePair.builder(client, Peer.engine(serverContext(Peer.SUN), Role.SERVER)).lenient()
                .build();
        Failure f = pair.expectHandshakeFailure();
        SSLHandshakeException e = assertInstanceOf(SSLHandshakeException.class, f.client());
        assertTrue(e.getMessage().contains("No new session is allowed and no existing session can be resumed"),
                e.getMessage());
        assertEquals(List.of(), PlaintextHandshake.of(pair.records(Role.CLIENT)).types(), "no ClientHello sent");
        assertEquals("handshake_failure", f.alertReceivedBy(Role.SERVER).orElseThrow());
    }

    @Test
    void serverWithSessionCreationDisabledAndNoCachedSessionFails() {
        Failure f = failToConnect(Peer.SUN.contextWithoutTickets(pki), serverContext(Peer.XTLS), e -> { },
                e -> e.setEnableSessionCreation(false));
        assertEquals("handshake_failure", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        SSLHandshakeException e = assertInstanceOf(SSLHandshakeException.class, f.server());
        assertTrue(e.getMessage().contains("session creation is disabled"), e.getMessage());
    }

    @Test
    void clientWithSessionCreationDisabledResumesItsCachedSession() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        Connection first = connect(client, server);
        Connection second = connect(client, server, e -> e.setEnableSessionCreation(false), e -> { });
        assertTrue(second.resumed());
        assertEquals(first.sessionId(), second.sessionId());
    }

    @Test
    void serverWithSessionCreationDisabledResumesACachedSession() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        Connection first = connect(client, server);
        Connection second = connect(client, server, e -> { }, e -> e.setEnableSessionCreation(false));
        assertTrue(second.resumed());
        assertEquals(first.sessionId(), second.sessionId());
    }

    @Test
    void clientWithSessionCreationDisabledFailsWhenTheServerDoesNotResume() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        connect(client, serverContext(Peer.SUN));
        Failure f = failToConnect(client, serverContext(Peer.SUN), e -> e.setEnableSessionCreation(false),
                e -> { });
        assertEquals("handshake_failure", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertTrue(f.client().getMessage().contains("did not resume"), f.client().getMessage());
    }

    @Test
    void clientAbortsWhenTheServerResumesAnExtendedMasterSecretSessionWithoutTheExtension() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        connect(client, server);
        SSLEngine xtls = Peer.engine(client, Role.CLIENT);
        Failure f = EnginePair.builder(xtls, Peer.engine(server, Role.SERVER)).lenient()
                .intercept(Role.SERVER, HelloExtensions.without(PlaintextHandshake.SERVER_HELLO,
                        EXTENDED_MASTER_SECRET))
                .build().expectHandshakeFailure();
        // RFC 7627 §5.3: abort, before the tampered transcript could show in a Finished
        assertEquals("handshake_failure", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertTrue(f.client().getMessage().contains("RFC 7627"), f.client().getMessage());
        assertTrue(xtls.isInboundDone() && xtls.isOutboundDone());
    }

    @Test
    void serverDoesAFullHandshakeWhenAResumingClientDropsExtendedMasterSecret() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        Connection first = connect(client, server);
        SSLEngine sun = Peer.engine(client, Role.CLIENT);
        EnginePair pair = EnginePair.builder(sun, Peer.engine(server, Role.SERVER)).lenient()
                .intercept(Role.CLIENT, HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO,
                        EXTENDED_MASTER_SECRET))
                .build();
        // the tampered ClientHello is in the server's transcript only, so the Finished messages cannot agree
        pair.expectHandshakeFailure();
        PlaintextHandshake clientHello = PlaintextHandshake.of(pair.records(Role.CLIENT));
        PlaintextHandshake serverFlight = PlaintextHandshake.of(pair.records(Role.SERVER));
        assertEquals(first.sessionId(), hex(clientHello.helloSessionId()), "SunJSSE offers the session");
        // RFC 7627 §5.3: the original session used the extension, this ClientHello lacks it: no resumption
        assertTrue(serverFlight.has(PlaintextHandshake.CERTIFICATE), "a full handshake: " + serverFlight.types());
        assertNotEquals(first.sessionId(), hex(serverFlight.helloSessionId()));
    }

    @Test
    void clientAbortsWhenTheServerResumesWithAnotherCipherSuite() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        Connection first = connect(client, server, e -> setSuites(e, AES_128, AES_256), e -> { });
        String established = first.session(Role.CLIENT).getCipherSuite();
        byte other = (byte) (established.equals(AES_128) ? 0x2C : 0x2B); // the other suite, also offered
        SSLEngine xtls = Peer.engine(client, Role.CLIENT);
        setSuites(xtls, AES_128, AES_256);
        Failure f = EnginePair.builder(xtls, Peer.engine(server, Role.SERVER)).lenient()
                .intercept(Role.SERVER, Tamper.messageBody(PlaintextHandshake.SERVER_HELLO, body -> {
                    body[2 + 32 + 1 + (body[2 + 32] & 0xFF) + 1] = other;
                    return body;
                }))
                .build().expectHandshakeFailure();
        // RFC 5246 §7.4.1.3: a resumed session keeps its suite
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertTrue(f.client().getMessage().contains("was established with " + established), f.client().getMessage());
    }

    private static void setSuites(SSLEngine e, String... suites) {
        SSLParameters p = e.getSSLParameters();
        p.setCipherSuites(suites);
        e.setSSLParameters(p);
    }

    @Test
    void clientDoesNotOfferASessionWhoseSuiteIsNoLongerEnabled() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        connect(client, server, e -> setSuites(e, AES_128), e -> { });
        Connection second = connect(client, server, e -> setSuites(e, AES_256), e -> { });
        assertEquals("", second.offeredId());
        assertEquals(AES_256, second.session(Role.CLIENT).getCipherSuite());
    }

    @Test
    void serverDoesNotResumeASessionWhoseSuiteItNoLongerEnables() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        Connection first = connect(client, server, e -> { }, e -> setSuites(e, AES_128, AES_256));
        assertEquals(AES_128, first.session(Role.SERVER).getCipherSuite());
        Connection second = connect(client, server, e -> { }, e -> setSuites(e, AES_256));
        assertEquals(first.sessionId(), second.offeredId());
        assertTrue(second.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertEquals(AES_256, second.session(Role.SERVER).getCipherSuite());
    }

    @Test
    void clientDoesNotOfferASessionToAnotherPortOrForAnotherServerName() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        connect(client, server);
        SSLEngine toOtherPort = client.createSSLEngine("localhost", 8443);
        toOtherPort.setUseClientMode(true);
        EnginePair otherPort = EnginePair.of(toOtherPort, Peer.engine(server, Role.SERVER), EnginePair.Mode.NORMAL);
        otherPort.handshake();
        assertEquals(0, PlaintextHandshake.of(otherPort.records(Role.CLIENT)).helloSessionId().length);

        Connection otherName = connect(client, server, e -> {
            SSLParameters p = e.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName("www.localhost")));
            p.setEndpointIdentificationAlgorithm(null);
            e.setSSLParameters(p);
        }, e -> { });
        assertEquals("", otherName.offeredId(), "RFC 6066 §3: the session was made for another name");
    }

    @Test
    void clientDoesNotOfferASessionWhosePeerWasIdentifiedDifferently() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        connect(client, server, e -> {
            SSLParameters p = e.getSSLParameters();
            p.setEndpointIdentificationAlgorithm(null);
            e.setSSLParameters(p);
        }, e -> { });
        Connection checked = connect(client, server);
        assertEquals("", checked.offeredId(), "the host name was not checked when the session was made");
        assertTrue(checked.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE));
        assertTrue(connect(client, server).resumed(), "the session made with the check resumes");
    }

    @Test
    void serverDoesAFullHandshakeWhenTheResumingClientAsksForAnotherServerName() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        // SunJSSE sends no SNI for a dotless host unless told to
        Consumer<SSLEngine> sendName = e -> {
            SSLParameters p = e.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName("localhost")));
            e.setSSLParameters(p);
        };
        Connection first = connect(client, server, sendName, e -> { });
        assertEquals(List.of(new SNIHostName("localhost")),
                ((javax.net.ssl.ExtendedSSLSession) first.session(Role.SERVER)).getRequestedServerNames());
        // SunJSSE never offers a session for another name, so the name is changed on the wire
        java.util.function.UnaryOperator<java.nio.ByteBuffer> removeName = HelloExtensions.without(
                PlaintextHandshake.CLIENT_HELLO, SERVER_NAME);
        java.util.function.UnaryOperator<java.nio.ByteBuffer> addName = HelloExtensions.with(
                PlaintextHandshake.CLIENT_HELLO, SERVER_NAME, serverName("other.localhost"));
        SSLEngine sun = Peer.engine(client, Role.CLIENT);
        sendName.accept(sun);
        EnginePair pair = EnginePair.builder(sun, Peer.engine(server, Role.SERVER))
                .lenient().intercept(Role.CLIENT, r -> addName.apply(removeName.apply(r))).build();
        pair.expectHandshakeFailure(); // the Finished messages cover the ClientHello each side saw
        assertEquals(first.sessionId(), hex(PlaintextHandshake.of(pair.records(Role.CLIENT)).helloSessionId()));
        PlaintextHandshake answer = PlaintextHandshake.of(pair.records(Role.SERVER));
        assertTrue(answer.has(PlaintextHandshake.CERTIFICATE), "RFC 6066 §3: a full handshake: " + answer.types());
        assertNotEquals(first.sessionId(), hex(answer.helloSessionId()));
    }

    /** A server_name extension body naming one host (RFC 6066 §3). */
    private static byte[] serverName(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        return java.nio.ByteBuffer.allocate(5 + name.length).putShort((short) (3 + name.length)).put((byte) 0)
                .putShort((short) name.length).put(name).array();
    }

    @Test
    void serverRequiringClientCertificatesDoesNotResumeASessionWithoutOne() throws Exception {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki, pki.rsa2048());
        SSLContext server = serverContext(Peer.XTLS);
        Connection first = connect(client, server);
        Connection second = connect(client, server, e -> { }, e -> e.setNeedClientAuth(true));
        assertEquals(first.sessionId(), second.offeredId());
        assertTrue(second.flight(Role.SERVER).has(PlaintextHandshake.CERTIFICATE), "a full handshake");
        assertTrue(second.session(Role.SERVER).getPeerCertificates().length > 0, "now with a client certificate");
        Connection third = connect(client, server, e -> { }, e -> e.setNeedClientAuth(true));
        assertTrue(third.resumed(), "the session with a client certificate resumes");
        assertEquals(second.sessionId(), third.sessionId());
        assertEquals(pki.rsa2048().chain()[0], third.session(Role.SERVER).getPeerCertificates()[0]);
    }

    @Test
    void applicationProtocolIsNegotiatedAgainOnEveryResumption() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        Consumer<SSLEngine> offerBoth = e -> alpn(e, "h2", "http/1.1");
        Connection first = connect(client, server, offerBoth, e -> alpn(e, "http/1.1"));
        assertEquals("http/1.1", first.server.getApplicationProtocol());
        Connection second = connect(client, server, offerBoth, e -> alpn(e, "h2"));
        assertTrue(second.resumed());
        assertEquals("h2", second.server.getApplicationProtocol(), "RFC 7301 §3.1: a connection's, not a session's");
        assertEquals("h2", second.client.getApplicationProtocol());
        assertEquals("http/1.1", first.server.getApplicationProtocol(), "the first connection keeps its own");

        SSLContext xtlsClient = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext sunServer = serverContext(Peer.SUN);
        connect(xtlsClient, sunServer, e -> { }, e -> { });
        Connection resumed = connect(xtlsClient, sunServer, e -> alpn(e, "h2"), e -> alpn(e, "h2"));
        assertTrue(resumed.resumed());
        assertEquals("h2", resumed.client.getApplicationProtocol());
    }

    private static void alpn(SSLEngine e, String... protocols) {
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(protocols);
        e.setSSLParameters(p);
    }

    @Test
    void resumingClientRefusesTheServerFinishedWithoutChangeCipherSpec() {
        SSLContext client = Peer.XTLS.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.SUN);
        connect(client, server);
        SSLEngine xtls = Peer.engine(client, Role.CLIENT);
        Failure f = EnginePair.builder(xtls, Peer.engine(server, Role.SERVER)).lenient()
                .intercept(Role.SERVER, Tamper.nth(WireRecord.CHANGE_CIPHER_SPEC, 0, r -> new byte[0]))
                .build().expectHandshakeFailure();
        assertInstanceOf(SSLHandshakeException.class, f.client());
        // the encrypted Finished read as plaintext starts with the zero explicit nonce: two well-formed HelloRequests,
        // which a negotiating client ignores (RFC 5246 §7.4.1.1, as OpenSSL); the bytes after them are refused
        assertTrue(List.of("unexpected_message", "illegal_parameter").contains(f.alertReceivedBy(Role.SERVER)
                .orElseThrow()), f.client().getMessage());
        assertTrue(xtls.isInboundDone() && xtls.isOutboundDone());
    }

    @Test
    void resumingServerRefusesTheClientFinishedWithoutChangeCipherSpec() {
        SSLContext client = Peer.SUN.contextWithoutTickets(pki);
        SSLContext server = serverContext(Peer.XTLS);
        connect(client, server);
        SSLEngine xtls = Peer.engine(server, Role.SERVER);
        Failure f = EnginePair.builder(Peer.engine(client, Role.CLIENT), xtls).lenient()
                .intercept(Role.CLIENT, Tamper.nth(WireRecord.CHANGE_CIPHER_SPEC, 0, r -> new byte[0]))
                .build().expectHandshakeFailure();
        assertInstanceOf(SSLHandshakeException.class, f.server());
        assertEquals("unexpected_message", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.server().getMessage());
        assertTrue(xtls.isInboundDone() && xtls.isOutboundDone());
    }
}
