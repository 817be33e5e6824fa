package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.wire.CipherSuite;
import dev.xtls.x509.CertifiedKey;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a TlsConnection keeps once its handshake with a SunJSSE peer is done (issue 13): no handshake internals
 * while idle, and no record keys once both directions are closed.
 */
class IdleConnectionTest {
    private static TlsConnection established(SSLEngine sun, CertifiedKey key, String suiteName, boolean client)
            throws Exception {
        CipherSuite suite = CipherSuite.byName(suiteName).orElseThrow();
        TlsConnection xtls = new TlsConnection(ConnectionPair.config(client, List.of(suite), client ? null : key));
        SunJsseWireTest.pump(xtls, sun);
        return xtls;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anIdleEstablishedConnectionHoldsNoQueueAssemblerOrFloodGuard(boolean client) throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
        SSLEngine sun = SunJsseWireTest.sunEngine(key, !client);
        TlsConnection xtls = established(sun, key, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", client);
        assertFalse(xtls.holdsOutboundQueue(), "outbound queue");
        assertFalse(xtls.holdsHandshakeAssembler(), "handshake assembler");
        assertFalse(xtls.holdsFloodGuard(), "inbound flood guard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"})
    void recordKeysAreWipedOnceBothSidesClosed(String suite) throws Exception {
        CertifiedKey key = ConnectionPair.selfSigned("EC", "SHA256withECDSA");
        SSLEngine sun = SunJsseWireTest.sunEngine(key, false);
        TlsConnection xtls = established(sun, key, suite, true);
        assertFalse(xtls.writeKeysDestroyed(), "in use");
        ByteBuffer toSun = ByteBuffer.allocate(1 << 15);
        ByteBuffer toXtls = ByteBuffer.allocate(1 << 15);
        ByteBuffer app = ByteBuffer.allocate(1 << 15);
        xtls.closeOutbound();
        assertEquals(Status.CLOSED, xtls.wrap(new ByteBuffer[0], 0, 0, toSun).status(), "close_notify sent");
        assertTrue(xtls.writeKeysDestroyed(), "write keys after close_notify");
        assertFalse(xtls.readKeysDestroyed(), "the peer's close_notify is still to be read");
        toSun.flip();
        assertEquals(SSLEngineResult.Status.CLOSED, sun.unwrap(toSun, app).getStatus());
        sun.wrap(ByteBuffer.allocate(0), toXtls);
        toXtls.flip();
        assertEquals(Status.CLOSED, xtls.unwrap(toXtls, new ByteBuffer[] {app}, 0, 1).status());
        assertTrue(xtls.readKeysDestroyed(), "read keys after the peer's close_notify");
    }
}
