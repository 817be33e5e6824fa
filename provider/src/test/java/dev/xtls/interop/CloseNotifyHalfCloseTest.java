package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * close_notify on an SSLEngine as SunJSSE 17 handles it, each side Xtls or SunJSSE: under TLS 1.3 the side that
 * receives close_notify only closes its inbound side and may go on writing (half-close, RFC 8446 §6.1); the side
 * that sent it still reads. Under TLS 1.2 the receiver answers with close_notify at once (RFC 5246 §7.2.1).
 */
class CloseNotifyHalfCloseTest {
    private static final byte[] LATE = "late".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CALLS = 64;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static EnginePair connected(Peer client, Peer server, String protocol) {
        SSLEngine c = Peer.engine(client.context(pki), Role.CLIENT);
        SSLEngine s = Peer.engine(server.context(pki, pki.ecdsaP256()), Role.SERVER);
        for (SSLEngine e : new SSLEngine[] {c, s}) {
            SSLParameters p = e.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            p.setCipherSuites(e.getSupportedCipherSuites());
            e.setSSLParameters(p);
        }
        EnginePair pair = EnginePair.of(c, s, EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        return pair;
    }

    /** Everything {@code engine} wraps now, until it produces nothing more. */
    private static ByteBuffer drain(SSLEngine engine, byte[] app) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(app);
        ByteBuffer net = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < MAX_CALLS; i++) {
            SSLEngineResult r = engine.wrap(src, net);
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        return net.flip();
    }

    /** Unwraps all of {@code net}; returns the application data, the last result in {@code last}[0]. */
    private static byte[] feed(SSLEngine engine, ByteBuffer net, SSLEngineResult[] last) throws SSLException {
        ByteArrayOutputStream app = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        for (int i = 0; i < MAX_CALLS && net.hasRemaining(); i++) {
            SSLEngineResult r = engine.unwrap(net, dst);
            last[0] = r;
            app.write(dst.array(), 0, dst.position());
            dst.clear();
            if (r.getStatus() == Status.CLOSED || r.bytesConsumed() == 0) {
                break;
            }
        }
        return app.toByteArray();
    }

    @ParameterizedTest(name = "{0} closes, {1} receives, {2}")
    @CsvSource({"XTLS, SUN, TLSv1.3", "SUN, XTLS, TLSv1.3", "SUN, SUN, TLSv1.3", "XTLS, XTLS, TLSv1.3",
            "XTLS, SUN, TLSv1.2", "SUN, XTLS, TLSv1.2", "SUN, SUN, TLSv1.2", "XTLS, XTLS, TLSv1.2"})
    void closeOutboundAsTheClient(Peer closer, Peer receiver, String protocol) throws Exception {
        EnginePair pair = connected(closer, receiver, protocol);
        halfClose(pair.engine(Role.CLIENT), pair.engine(Role.SERVER), protocol);
    }

    @ParameterizedTest(name = "{0} closes, {1} receives, {2}")
    @CsvSource({"XTLS, SUN, TLSv1.3", "SUN, XTLS, TLSv1.3", "SUN, SUN, TLSv1.3", "XTLS, XTLS, TLSv1.3",
            "XTLS, SUN, TLSv1.2", "SUN, XTLS, TLSv1.2", "SUN, SUN, TLSv1.2", "XTLS, XTLS, TLSv1.2"})
    void closeOutboundAsTheServer(Peer closer, Peer receiver, String protocol) throws Exception {
        EnginePair pair = connected(receiver, closer, protocol);
        halfClose(pair.engine(Role.SERVER), pair.engine(Role.CLIENT), protocol);
    }

    private static void halfClose(SSLEngine closer, SSLEngine receiver, String protocol) throws Exception {
        closer.closeOutbound();
        ByteBuffer closeNotify = drain(closer, new byte[0]);
        assertTrue(closer.isOutboundDone());
        assertFalse(closer.isInboundDone(), "the closer still reads");
        SSLEngineResult[] last = new SSLEngineResult[1];
        feed(receiver, closeNotify, last);
        assertEquals(Status.CLOSED, last[0].getStatus());
        assertTrue(receiver.isInboundDone());
        if (protocol.equals("TLSv1.3")) {
            assertEquals(HandshakeStatus.NOT_HANDSHAKING, last[0].getHandshakeStatus(), "§6.1: no answer due");
            assertFalse(receiver.isOutboundDone(), "§6.1: the receiver's write side stays open");
            ByteBuffer data = drain(receiver, LATE);
            assertEquals("late", new String(feed(closer, data, last), StandardCharsets.US_ASCII),
                    "the closer reads what the receiver writes after close_notify");
            receiver.closeOutbound();
            feed(closer, drain(receiver, new byte[0]), last);
        } else {
            assertEquals(HandshakeStatus.NEED_WRAP, last[0].getHandshakeStatus(), "RFC 5246 §7.2.1: answer it");
            ByteBuffer answer = drain(receiver, LATE);
            assertTrue(receiver.isOutboundDone());
            assertEquals(0, feed(closer, answer, last).length, "nothing follows close_notify");
        }
        assertEquals(Status.CLOSED, last[0].getStatus());
        assertTrue(closer.isInboundDone());
    }
}
