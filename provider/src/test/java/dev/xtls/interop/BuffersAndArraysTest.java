package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    // Records sealed from and opened into direct, read-only and sliced buffers (position and array offset not 0)
    // go through the context's scratch arrays: SunJSSE must read them and Xtls read SunJSSE's, in 16 KiB and
    // 1 KiB records, for each AEAD and both protocol versions.
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, direct", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, read-only",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, direct-slice",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, direct-slice", "TLS_AES_256_GCM_SHA384, direct",
        "TLS_AES_128_GCM_SHA256, read-only", "TLS_CHACHA20_POLY1305_SHA256, direct-slice"})
    void sealsAndOpensThroughBuffersWithoutAnAccessibleArray(String suite, String kind) throws Exception {
        TestPki pki = TestPki.create();
        SSLEngine xtls = bothVersions(Peer.engine(Peer.XTLS.context(Peer.TLS, pki), Role.CLIENT, suite));
        SSLEngine sun = bothVersions(Peer.engine(Peer.SUN.context(Peer.TLS, pki, pki.ecdsaP256()), Role.SERVER,
                suite));
        EnginePair.of(xtls, sun, Mode.NORMAL).handshake();
        assertEquals(suite, xtls.getSession().getCipherSuite());

        for (int size : new int[] {16384, 1024}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            ByteBuffer net = buffer(kind.equals("read-only") ? "direct" : kind, xtls.getSession().getPacketBufferSize());
            ByteBuffer src = buffer(kind, size);
            src = (src.isReadOnly() ? ByteBuffer.allocate(size + 3).position(3).put(data).flip().position(3)
                    .asReadOnlyBuffer() : src.put(data).flip());
            assertEquals(SSLEngineResult.Status.OK, xtls.wrap(src, net).getStatus());
            assertEquals(0, src.remaining());
            ByteBuffer received = ByteBuffer.allocate(sun.getSession().getApplicationBufferSize());
            assertEquals(SSLEngineResult.Status.OK, sun.unwrap(net.flip(), received).getStatus());
            assertArrayEquals(data, Arrays.copyOf(received.array(), received.position()));

            ByteBuffer sent = ByteBuffer.allocate(sun.getSession().getPacketBufferSize());
            int wrapped = sun.wrap(ByteBuffer.wrap(data), sent).bytesConsumed(); // TLS 1.3: 16367 of 16 KiB
            ByteBuffer in = buffer(kind.equals("read-only") ? "direct" : kind, sent.flip().remaining());
            in.put(sent).flip();
            ByteBuffer opened = buffer(kind.equals("read-only") ? "direct" : kind,
                    xtls.getSession().getApplicationBufferSize());
            SSLEngineResult u = xtls.unwrap(in, opened);
            assertEquals(SSLEngineResult.Status.OK, u.getStatus());
            assertEquals(wrapped, u.bytesProduced());
            byte[] got = new byte[wrapped];
            opened.flip().get(got);
            assertArrayEquals(Arrays.copyOf(data, wrapped), got);
        }
    }

    private static SSLEngine bothVersions(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", Peer.TLS12});
        e.setSSLParameters(p);
        return e;
    }

    /** An empty buffer of {@code kind} with {@code capacity} bytes of room; a slice starts 7 bytes into its memory. */
    private static ByteBuffer buffer(String kind, int capacity) {
        return switch (kind) {
            case "direct" -> ByteBuffer.allocateDirect(capacity);
            case "direct-slice" -> ByteBuffer.allocateDirect(capacity + 7).position(7).slice();
            case "read-only" -> ByteBuffer.allocate(0).asReadOnlyBuffer();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static ByteBuffer direct(byte[] data, int offset, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        b.put(data, offset, length).flip();
        return b;
    }
}
