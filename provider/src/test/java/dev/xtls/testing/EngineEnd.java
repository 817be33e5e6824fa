package dev.xtls.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** One side of an {@link EnginePair}: the engine, its four buffers and what it sent and received. */
final class EngineEnd {
    final Role role;
    final SSLEngine engine;
    final UnaryOperator<ByteBuffer> interceptor;

    /** Application bytes still to send (read mode). */
    ByteBuffer appOut = ByteBuffer.allocate(0);
    /** wrap output (write mode, empty between calls: every produced byte is delivered at once). */
    ByteBuffer netOut;
    /** Network bytes not yet consumed by unwrap (write mode: content is [0, position)). */
    ByteBuffer netIn;
    /** unwrap output (write mode, drained into {@link #received} after every call). */
    ByteBuffer appIn;

    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** Bytes sent toward the peer that the peer has not taken into its netIn yet. */
    final ByteQueue toPeer = new ByteQueue();
    /** wrap output waiting to form a complete record for the interceptor. */
    final ByteQueue pendingRecord = new ByteQueue();
    /** Everything put on the wire by this side, after interception. */
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    final List<EnginePair.Step> steps = new ArrayList<>();

    SSLException failure;
    final List<Throwable> laterFailures = new ArrayList<>();
    /** Set when an engine call threw after the first failure: it is not called again. */
    boolean dead;
    boolean closeRequested;
    int finished;
    int tasksRun;
    int overflows;
    int underflows;
    int discardedAfterClose;

    EngineEnd(Role role, SSLEngine engine, UnaryOperator<ByteBuffer> interceptor) {
        this.role = role;
        this.engine = engine;
        this.interceptor = interceptor;
    }

    void fail(Throwable t) {
        if (failure == null && t instanceof SSLException s) {
            failure = s;
        } else {
            laterFailures.add(t);
            dead = true;
        }
    }

    boolean quiet() {
        return toPeer.size() == 0 && pendingRecord.size() == 0 && netIn.position() == 0;
    }
}
