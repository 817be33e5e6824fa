package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * A real SunJSSE ClientHello (and server flight), mutated thousands of ways (seeded): Xtls either answers or fails with an
 * alert it can name — never an internal error from an unexpected exception, never a hang — and a failed engine
 * sends its alert and ends closed.
 */
class MutatedHandshakeTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @Test
    void everyMutationEndsInAnAnswerOrANamedAlert() throws Exception {
        TestPki pki = TestPki.create();
        javax.net.ssl.SSLContext serverContext = Peer.XTLS.context(pki, pki.ecdsaP256());
        byte[] hello = clientHello(pki);
        Random random = new Random(20261126);
        int answered = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] input = mutate(hello, random);
            SSLEngine server = Peer.engine(serverContext, Role.SERVER, SUITE);
            ByteBuffer in = ByteBuffer.wrap(input);
            ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
            try {
                for (int step = 0; step < 4 && in.hasRemaining(); step++) {
                    SSLEngineResult r = server.unwrap(in, app);
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        break;
                    }
                }
                answered++;
            } catch (SSLException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("internal_error")) {
                    fail("mutation " + i + " (" + Arrays.toString(Arrays.copyOf(input, 16)) + "...) gave " + m, e);
                }
                assertTrue(server.isInboundDone(), "inbound closed after " + m);
                ByteBuffer out = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
                server.wrap(ByteBuffer.allocate(0), out);
                assertTrue(out.position() > 0, "the alert is sent after " + m);
                assertTrue(server.isOutboundDone(), "outbound closed after sending the alert");
            }
        }
        assertTrue(answered > 0 && answered < 3000, "some mutations still parse, most do not: " + answered);
        assertFalse(hello.length == 0);
    }

    @Test
    void everyMutationOfAServerFlightEndsInANamedAlertAtTheClient() throws Exception {
        TestPki pki = TestPki.create();
        javax.net.ssl.SSLContext clientContext = Peer.XTLS.context(pki);
        SSLEngine sun = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        SSLEngine first = Peer.engine(clientContext, Role.CLIENT, SUITE);
        ByteBuffer hello = ByteBuffer.allocate(first.getSession().getPacketBufferSize());
        first.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        sun.unwrap(hello, ByteBuffer.allocate(sun.getSession().getApplicationBufferSize()));
        Runnable task;
        while ((task = sun.getDelegatedTask()) != null) {
            task.run();
        }
        ByteBuffer flight = ByteBuffer.allocate(1 << 16);
        while (sun.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            sun.wrap(ByteBuffer.allocate(0), flight);
        }
        byte[] serverFlight = Arrays.copyOf(flight.array(), flight.position());
        Random random = new Random(11);
        for (int i = 0; i < 1500; i++) {
            SSLEngine client = Peer.engine(clientContext, Role.CLIENT, SUITE);
            ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            client.wrap(ByteBuffer.allocate(0), out);
            ByteBuffer in = ByteBuffer.wrap(mutate(serverFlight, random));
            ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
            try {
                for (int step = 0; step < 8 && in.hasRemaining(); step++) {
                    if (client.unwrap(in, app).getStatus() != SSLEngineResult.Status.OK) {
                        break;
                    }
                }
            } catch (SSLException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("internal_error")) {
                    fail("server flight mutation " + i + " gave " + m, e);
                }
                assertTrue(client.isInboundDone(), "inbound closed after " + m);
            }
        }
    }

    private static byte[] clientHello(TestPki pki) throws SSLException {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, SUITE);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] mutate(byte[] hello, Random random) {
        byte[] b = hello.clone();
        switch (random.nextInt(4)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                for (int k = 0; k < 8; k++) {
                    b[5 + random.nextInt(b.length - 5)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, 5 + random.nextInt(b.length - 5));
            default -> {
                int at = 9 + random.nextInt(b.length - 11);
                b[at] = (byte) random.nextInt(256);
                b[at + 1] = (byte) random.nextInt(256);
            }
        }
        return b;
    }
}
