package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.CipherSuite;
import dev.xtls.x509.CertifiedKey;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TlsConnectionHandshakeTest {
    @Test
    void ecdsaHandshakeCompletesAndCarriesData() throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
        List<CipherSuite> suites = List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        ConnectionPair pair = new ConnectionPair(new TlsConnection(ConnectionPair.config(true, suites, null)),
                new TlsConnection(ConnectionPair.config(false, suites, key)));
        pair.handshake();
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, pair.client.session().cipherSuite());
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, pair.server.session().cipherSuite());
        assertTrue(pair.client.session().extendedMasterSecret());
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        assertArrayEquals(data, pair.send(pair.client, pair.server, data));
        assertArrayEquals(data, pair.send(pair.server, pair.client, data));
    }

    @Test
    void rsaHandshakeCompletesWithAes256() throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned("RSA", "SHA256withRSA");
        List<CipherSuite> suites = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
        ConnectionPair pair = new ConnectionPair(new TlsConnection(ConnectionPair.config(true, suites, null)),
                new TlsConnection(ConnectionPair.config(false, suites, key)));
        pair.handshake();
        assertEquals(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, pair.client.session().cipherSuite());
        byte[] data = "hello".getBytes();
        assertArrayEquals(data, pair.send(pair.client, pair.server, data));
    }
}
