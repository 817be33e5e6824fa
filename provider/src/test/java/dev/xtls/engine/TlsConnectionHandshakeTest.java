package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.CipherSuite;
import dev.xtls.x509.CertifiedKey;
import java.nio.ByteBuffer;
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

    @Test
    void aRecordGatheredFromSeveralBuffersLeavesNoPlaintextBehind() throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
        List<CipherSuite> suites = List.of(CipherSuite.byName("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256").orElseThrow());
        ConnectionPair pair = new ConnectionPair(new TlsConnection(ConnectionPair.config(true, suites, null)),
                new TlsConnection(ConnectionPair.config(false, suites, key)));
        pair.handshake();
        byte[] first = "first part, ".getBytes();
        byte[] second = "second part".getBytes();
        ByteBuffer net = ByteBuffer.allocate(TlsConnection.maxPacketSize());
        Outcome o = pair.client.wrap(new ByteBuffer[] {ByteBuffer.wrap(first), ByteBuffer.wrap(second)}, 0, 2, net);
        assertEquals(first.length + second.length, o.bytesConsumed(), "one record from both buffers");
        ByteBuffer gather = pair.client.gatherBuffer();
        assertArrayEquals(new byte[gather.capacity()], gather.array(), "the gather buffer is zeroed after use");
        net.flip();
        ByteBuffer received = ByteBuffer.allocate(TlsConnection.maxApplicationSize());
        pair.server.unwrap(net, new ByteBuffer[] {received}, 0, 1);
        assertEquals("first part, second part", new String(received.array(), 0, received.position()));
    }
}
