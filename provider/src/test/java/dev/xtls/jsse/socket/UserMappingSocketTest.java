package dev.xtls.jsse.socket;

import static dev.xtls.jsse.socket.Loopback.HOST;
import static dev.xtls.jsse.socket.Loopback.TIMEOUT_MS;
import static dev.xtls.jsse.socket.Loopback.asClient;
import static dev.xtls.jsse.socket.Loopback.await;
import static dev.xtls.jsse.socket.Loopback.listen;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.api.UpnDomainHint;
import dev.xtls.api.Xtls;
import dev.xtls.testing.Peer;
import dev.xtls.testing.TestPki;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The user_mapping helpers on sockets: a hint set before connect() moves to the connected engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserMappingSocketTest {
    private static TestPki pki;
    private final Loopback loopback = new Loopback();

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @AfterEach
    void stopPeers() {
        loopback.close();
    }

    @Test
    void hintSetBeforeConnectReachesTheAcceptedSocketsSession() throws Exception {
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<Optional<UpnDomainHint>> received = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    Xtls.requestUserMapping(s, true);
                    s.getOutputStream().write(s.getInputStream().read());
                    return Xtls.upnDomainHint(s.getSession());
                }
            });
            try (SSLSocket c = asClient((SSLSocket) Peer.XTLS.context(pki).getSocketFactory().createSocket())) {
                Xtls.setUpnDomainHint(c, "bob@example.org", "");
                c.connect(new InetSocketAddress(HOST, server.getLocalPort()), TIMEOUT_MS);
                c.getOutputStream().write(7);
                assertEquals(7, c.getInputStream().read());
            }
            assertEquals(Optional.of(new UpnDomainHint("bob@example.org", "")), await(received));
        }
    }

    @Test
    void doubleHandshakeOnSocketsDeliversTheHintThroughTheClientsRenegotiation() throws Exception {
        try (SSLServerSocket server = listen(Peer.XTLS.context(pki, pki.ecdsaP256()))) {
            Future<Optional<UpnDomainHint>> received = loopback.background(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    Xtls.requestUserMapping(s, true);
                    Xtls.setSupplementalDataDoubleHandshake(s, true);
                    s.getOutputStream().write(s.getInputStream().read());
                    s.getOutputStream().write(s.getInputStream().read());
                    return Xtls.upnDomainHint(s.getSession());
                }
            });
            try (SSLSocket c = asClient((SSLSocket) Peer.XTLS.context(pki).getSocketFactory().createSocket())) {
                Xtls.setUpnDomainHint(c, "carol@example.org", "example.org");
                Xtls.setSupplementalDataDoubleHandshake(c, true);
                c.connect(new InetSocketAddress(HOST, server.getLocalPort()), TIMEOUT_MS);
                c.startHandshake(); // RFC 4680 §4: both handshakes, the second carrying the hint
                c.getOutputStream().write(7);
                assertEquals(7, c.getInputStream().read());
                c.getOutputStream().write(8);
                assertEquals(8, c.getInputStream().read());
            }
            assertEquals(Optional.of(new UpnDomainHint("carol@example.org", "example.org")), await(received));
        }
    }
}
