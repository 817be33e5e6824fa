package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 resumption with SunJSSE both ways (RFC 8446 §2.2): the second connection from the same client context
 * resumes, seen on the wire as pre_shared_key in the ServerHello next to a key share (psk_dhe_ke).
 */
class Tls13ResumptionPeersTest {
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

    private static void secondConnectionResumes(Peer clientPeer, Peer serverPeer) {
        SSLContext client = clientPeer.context(pki);
        SSLContext server = serverPeer.context(pki, pki.ecdsaP256());
        EnginePair first = connect(client, server);
        assertFalse(HelloExtensionReader.resumedTls13(first));
        assertNotNull(HelloExtensionReader.extension(first, Role.CLIENT,
                HelloExtensionReader.PSK_KEY_EXCHANGE_MODES));
        EnginePair second = connect(client, server);
        assertNotNull(HelloExtensionReader.extension(second, Role.CLIENT, HelloExtensionReader.PRE_SHARED_KEY),
                "the client offers the ticket");
        assertTrue(HelloExtensionReader.resumedTls13(second), "the server selects it");
        assertNotNull(HelloExtensionReader.extension(second, Role.SERVER, HelloExtensionReader.KEY_SHARE, true),
                "psk_dhe_ke");
        assertEquals("TLSv1.3", second.engine(Role.CLIENT).getSession().getProtocol());
    }

    @Test
    void aSunJsseClientResumesWithAnXtlsServer() {
        secondConnectionResumes(Peer.SUN, Peer.XTLS);
    }

    @Test
    void anXtlsClientResumesWithASunJsseServer() {
        secondConnectionResumes(Peer.XTLS, Peer.SUN);
    }
}
