package dev.xtls.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Feeds bytes to an engine as its peer's and checks the finding conditions of the engine fuzz targets: only an
 * {@link SSLException} may escape (anything else propagates to the fuzzer), a bounded number of wrap/unwrap calls
 * consumes the input, and after an SSLException the engine sends its alert and is closed both ways.
 */
final class EngineFeeder {
    /** Far above what any input up to the fuzzer's length needs: one call per record, task or flight. */
    private static final int MAX_CALLS = 2_000;
    private static final int MAX_CLOSING_WRAPS = 8;
    private final SSLEngine engine;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteBuffer app;
    private final ByteBuffer net;

    EngineFeeder(SSLEngine engine) {
        this.engine = engine;
        this.app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** What the engine sent since the last call, after wrapping all it wants to send before it needs input. */
    byte[] flight() throws SSLException {
        if (!engine.isOutboundDone()) {
            wrap(); // starts a client's handshake; what else needs wrapping follows
        }
        for (int i = 0; i < MAX_CALLS && !engine.isOutboundDone(); i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                wrap();
            } else {
                break;
            }
        }
        byte[] flight = sent.toByteArray();
        sent.reset();
        return flight;
    }

    /** Feeds {@code wire}, answering as the engine asks, until it is consumed, the engine waits or closes. */
    void feed(byte[] wire) {
        ByteBuffer src = ByteBuffer.wrap(wire);
        try {
            for (int calls = 0; ; calls++) {
                assertTrue(calls < MAX_CALLS, "no end after " + MAX_CALLS + " engine calls on " + wire.length
                        + " bytes (a hang)");
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runTasks();
                } else if (hs == HandshakeStatus.NEED_WRAP) {
                    if (wrap().getStatus() == SSLEngineResult.Status.CLOSED && engine.isInboundDone()) {
                        return;
                    }
                } else {
                    app.clear();
                    SSLEngineResult r = engine.unwrap(src, app);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.getStatus()
                            == SSLEngineResult.Status.BUFFER_UNDERFLOW || !src.hasRemaining()
                            && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP
                            && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
                        return;
                    }
                }
            }
        } catch (SSLException failure) {
            assertClosesAfter(failure);
        }
    }

    /** RFC 5246 §7.2.2: a fatal alert goes out and the connection is closed, inbound and outbound. */
    private void assertClosesAfter(SSLException failure) {
        for (int i = 0; i < MAX_CLOSING_WRAPS && !engine.isOutboundDone(); i++) {
            try {
                wrap();
            } catch (SSLException again) {
                // SunJSSE rethrows the failure from wrap too; the alert is still what it produced
            }
        }
        assertTrue(engine.isOutboundDone(), () -> "outbound still open after " + failure);
        assertTrue(engine.isInboundDone(), () -> "inbound still open after " + failure);
    }

    private SSLEngineResult wrap() throws SSLException {
        net.clear();
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), net);
        sent.write(net.array(), 0, net.position());
        return r;
    }

    private void runTasks() {
        for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
            t.run();
        }
    }
}
