package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.Test;

/** Direct buffers and gathering/scattering arrays through the Xtls SSLEngine, checked by a SunJSSE peer. */
class BuffersAndArraysTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @Test
    void gathersFromDirectSourcesAndScattersIntoSmallDestinations() throws Exception {
        TestPki pki = TestPki.create();
        SSLEngine xtls = Peer.XTLS.engine(Role.CLIENT, pki, null, SUITE);
        SSLEngine sun = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        EnginePair.of(xtls, sun, Mode.NORMAL).handshake();

        byte[] data = new byte[5000 + 10000 + 3000];
        new Random(3).nextBytes(data);
        ByteBuffer[] srcs = {direct(data, 0, 5000), direct(data, 5000, 10000), direct(data, 15000, 3000)};
        ByteBuffer net = ByteBuffer.allocateDirect(xtls.getSession().getPacketBufferSize());
        ByteBuffer received = ByteBuffer.allocate(data.length);
        ByteBuffer scratch = ByteBuffer.allocate(sun.getSession().getApplicationBufferSize());
        while (srcs[2].hasRemaining()) {
            net.clear();
            SSLEngineResult w = xtls.wrap(srcs, 0, 3, net);
            assertEquals(SSLEngineResult.Status.OK, w.getStatus());
            net.flip();
            scratch.clear();
            SSLEngineResult u = sun.unwrap(net, scratch);
            assertEquals(w.bytesConsumed(), u.bytesProduced());
            received.put(scratch.flip());
        }
        assertArrayEquals(data, received.array());

        // the other way: SunJSSE's records unwrapped by Xtls into three small destinations
        ByteBuffer out = ByteBuffer.allocate(sun.getSession().getPacketBufferSize());
        sun.wrap(ByteBuffer.wrap(data, 0, 16384), out);
        out.flip();
        ByteBuffer[] dsts = {ByteBuffer.allocateDirect(4000), ByteBuffer.allocate(6000), ByteBuffer.allocate(7000)};
        SSLEngineResult u = xtls.unwrap(out, dsts, 0, 3);
        assertEquals(SSLEngineResult.Status.OK, u.getStatus());
        assertEquals(16384, u.bytesProduced());
        ByteBuffer joined = ByteBuffer.allocate(16384);
        for (ByteBuffer d : dsts) {
            joined.put(d.flip());
        }
        assertArrayEquals(java.util.Arrays.copyOf(data, 16384), joined.array());
    }

    private static ByteBuffer direct(byte[] data, int offset, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        b.put(data, offset, length).flip();
        return b;
    }
}
