package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * An Xtls client context talks to an honest SunJSSE server and to a malicious server that issues the honest
 * server's session id as its own: the client's cache keeps the honest server's session under that id.
 */
class ClientSessionCacheByPeerTest {
    private static final int HONEST_PORT = 443;
    private static final int MALICIOUS_PORT = 8443;

    private static SSLSession connect(SSLContext client, int port, SSLContext server) {
        SSLEngine c = client.createSSLEngine("localhost", port);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setProtocols(new String[] {Peer.TLS12});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        EnginePair pair = EnginePair.of(c, Peer.engine(server, Role.SERVER), EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.closeBoth();
        return c.getSession();
    }

    /** An Xtls server whose every 32-byte random (server random, session id) is {@code id}. */
    private static SSLContext serverIssuing(TestPki pki, byte[] id) throws Exception {
        SecureRandom rigged = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length == id.length) {
                    System.arraycopy(id, 0, bytes, 0, id.length);
                } else {
                    super.nextBytes(bytes);
                }
            }
        };
        SSLContext ctx = SSLContext.getInstance(Peer.TLS12, Peer.XTLS.provider());
        ctx.init(new KeyManager[] {pki.keyManager(pki.ecdsaP256())}, new TrustManager[] {pki.trustManager()},
                rigged);
        return ctx;
    }

    @Test
    void aServerIssuingAnotherServersSessionIdDisplacesNothingInTheClientCache() throws Exception {
        TestPki pki = TestPki.create();
        SSLContext client = Peer.XTLS.context(pki);
        client.getClientSessionContext().setSessionCacheSize(1);
        SSLContext honestServer = Peer.SUN.context(pki, pki.ecdsaP256());
        SSLSession honest = connect(client, HONEST_PORT, honestServer);

        SSLSession echoed = connect(client, MALICIOUS_PORT, serverIssuing(pki, honest.getId()));
        assertArrayEquals(honest.getId(), echoed.getId(), "the malicious server issued the honest server's id");
        assertEquals(MALICIOUS_PORT, echoed.getPeerPort());

        assertSame(honest, client.getClientSessionContext().getSession(honest.getId()),
                "the id still names the honest server's session");
        List<byte[]> ids = Collections.list(client.getClientSessionContext().getIds());
        assertEquals(1, ids.size(), "the size bound holds");
        SSLSession again = connect(client, HONEST_PORT, honestServer);
        assertSame(honest, again, "the honest server's session is still offered and resumed");
        SSLSession malicious = connect(client, MALICIOUS_PORT, serverIssuing(pki, honest.getId()));
        assertNotSame(echoed, malicious, "the malicious server's session was not cached, so not resumed");
    }
}
