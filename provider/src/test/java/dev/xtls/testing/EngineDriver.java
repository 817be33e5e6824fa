package dev.xtls.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** Drives one SSLEngine against a scripted peer: what it sends, what it does with bytes; every loop bounded. */
public final class EngineDriver {
    private static final int MAX_STEPS = 200;
    private final SSLEngine engine;
    private SSLException failure;

    public EngineDriver(SSLEngine engine) {
        this.engine = engine;
    }

    /** Everything the engine wants to send now; delegated tasks run on the way. */
    public byte[] wrapAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        try {
            for (int i = 0; i < MAX_STEPS; i++) {
                runTasks();
                dst.clear();
                SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), dst);
                out.write(dst.array(), 0, dst.position());
                if (r.bytesProduced() == 0 && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
                    break;
                }
            }
        } catch (SSLException e) {
            failed(e);
        }
        return out.toByteArray();
    }

    /** Feeds {@code wire} to the engine until it is consumed, the engine closes or wants nothing more. */
    public void unwrapAll(byte[] wire) {
        ByteBuffer src = ByteBuffer.wrap(wire);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        try {
            for (int i = 0; i < MAX_STEPS && src.hasRemaining(); i++) {
                runTasks();
                app.clear();
                SSLEngineResult r = engine.unwrap(src, app);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.bytesConsumed() == 0
                        && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
                    break;
                }
            }
        } catch (SSLException e) {
            failed(e);
        }
    }

    /** The first SSLException the engine threw. */
    public Optional<SSLException> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean closed() {
        return engine.isInboundDone() && engine.isOutboundDone();
    }

    private void failed(SSLException e) {
        if (failure == null) {
            failure = e;
        }
    }

    private void runTasks() {
        for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
            t.run();
        }
    }
}
