package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ALPN (RFC 7301) and SNI (RFC 6066 §3) between Xtls and SunJSSE/BCJSSE, both directions. */
class AlpnAndSniTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine client(Peer peer, String... alpn) {
        SSLEngine e = peer.engine(Role.CLIENT, pki, null, SUITE);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(alpn);
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine server(Peer peer, String... alpn) {
        SSLEngine e = peer.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(alpn);
        e.setSSLParameters(p);
        return e;
    }

    @Test
    void xtlsClientGetsTheProtocolTheSunJsseServerPrefers() {
        SSLEngine client = client(Peer.XTLS, "http/1.1", "h2");
        SSLEngine server = server(Peer.SUN, "h2", "http/1.1");
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals("h2", client.getApplicationProtocol());
        assertEquals("h2", server.getApplicationProtocol());
    }

    @Test
    void xtlsServerChoosesItsOwnFirstProtocolTheClientOffers() {
        for (Peer peer : List.of(Peer.SUN, Peer.BC)) {
            SSLEngine client = client(peer, "spdy/3", "http/1.1", "h2");
            SSLEngine server = server(Peer.XTLS, "h2", "http/1.1");
            EnginePair.of(client, server, Mode.NORMAL).handshake();
            assertEquals("h2", server.getApplicationProtocol(), peer.name());
            assertEquals("h2", client.getApplicationProtocol(), peer.name());
        }
    }

    @Test
    void withoutAlpnOnEitherSideTheProtocolIsEmptyOnceEstablished() {
        SSLEngine client = client(Peer.SUN);
        SSLEngine server = server(Peer.XTLS);
        assertNull(server.getApplicationProtocol(), "unknown before the handshake");
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals("", server.getApplicationProtocol());
    }

    @Test
    void xtlsServerWithNoCommonProtocolSendsNoApplicationProtocol() {
        SSLEngine client = client(Peer.SUN, "spdy/3");
        SSLEngine server = server(Peer.XTLS, "h2");
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertEquals("no_application_protocol", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        String message = f.of(Role.SERVER).orElseThrow().getMessage();
        assertTrue(message.contains("[spdy/3]") && message.contains("[h2]"), message);
    }

    @Test
    void xtlsClientReportsTheSunJsseServersNoApplicationProtocolAlert() {
        SSLEngine client = client(Peer.XTLS, "spdy/3");
        SSLEngine server = server(Peer.SUN, "h2");
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertTrue(f.of(Role.CLIENT).orElseThrow().getMessage().contains("no_application_protocol"),
                f.of(Role.CLIENT).get().getMessage());
    }

    @Test
    void selectorSeesTheOffersAndCanDeclineOrRefuse() {
        SSLEngine client = client(Peer.SUN, "a", "b");
        SSLEngine server = server(Peer.XTLS, "z");
        server.setHandshakeApplicationProtocolSelector((engine, offered) -> offered.get(1));
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals("b", client.getApplicationProtocol());

        SSLEngine client2 = client(Peer.SUN, "a");
        SSLEngine server2 = server(Peer.XTLS);
        server2.setHandshakeApplicationProtocolSelector((engine, offered) -> "");
        EnginePair.of(client2, server2, Mode.NORMAL).handshake();
        assertEquals("", server2.getApplicationProtocol());

        SSLEngine client3 = client(Peer.SUN, "a");
        SSLEngine server3 = server(Peer.XTLS);
        server3.setHandshakeApplicationProtocolSelector((engine, offered) -> null);
        Failure f = EnginePair.builder(client3, server3).lenient().build().expectHandshakeFailure();
        assertEquals("no_application_protocol", f.alertReceivedBy(Role.CLIENT).orElseThrow());
    }

    @Test
    void aSelectorThatThrowsEndsTheHandshakeWithInternalErrorNotAnEscapedException() {
        SSLEngine client = client(Peer.SUN, "a");
        SSLEngine server = server(Peer.XTLS);
        server.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            throw new IllegalStateException("selector bug");
        });
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertEquals("internal_error", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        assertTrue(f.of(Role.SERVER).orElseThrow().getMessage().contains("selector bug"));
        assertTrue(server.isInboundDone() && server.isOutboundDone());
    }

    @Test
    void xtlsClientSendsThePeerHostAsServerNameAndTheServerSeesIt() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, SUITE);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals(List.of(new SNIHostName("localhost")),
                ((ExtendedSSLSession) server.getSession()).getRequestedServerNames());
    }

    @Test
    void xtlsServerRefusesANameItsMatchersRejectWithUnrecognizedName() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, SUITE);
        SSLParameters cp = client.getSSLParameters();
        cp.setServerNames(List.of(new SNIHostName("other.example")));
        client.setSSLParameters(cp);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        SSLParameters sp = server.getSSLParameters();
        sp.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("localhost")));
        server.setSSLParameters(sp);
        Failure f = EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        assertEquals("unrecognized_name", f.alertReceivedBy(Role.CLIENT).orElseThrow());
    }

    @Test
    void xtlsServerAcceptsANameItsMatchersAcceptAndRecordsIt() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, SUITE);
        SSLParameters cp = client.getSSLParameters();
        cp.setServerNames(List.of(new SNIHostName("localhost")));
        client.setSSLParameters(cp);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        SSLParameters sp = server.getSSLParameters();
        sp.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("localhost")));
        server.setSSLParameters(sp);
        EnginePair.of(client, server, Mode.NORMAL).handshake();
        assertEquals(List.of(new SNIHostName("localhost")),
                ((ExtendedSSLSession) server.getSession()).getRequestedServerNames());
    }
}
