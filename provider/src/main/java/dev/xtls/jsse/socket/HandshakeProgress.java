package dev.xtls.jsse.socket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngineResult;

/**
 * A socket's handshake bookkeeping: the initial handshake's deadline and whether it is done, and a renegotiation
 * (RFC 5746) that completed but that the listeners have not heard of yet, announced outside every lock. It holds
 * the renegotiation flag itself (no AtomicBoolean of its own): a socket has no more objects than before.
 */
final class HandshakeProgress {
    private static final VarHandle RENEGOTIATED;

    static {
        try {
            RENEGOTIATED = MethodHandles.lookup().findVarHandle(HandshakeProgress.class, "renegotiated",
                    boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long timeoutMillis;
    private final Runnable completed;
    private volatile boolean done;
    private volatile boolean renegotiated; // a renegotiation completed, not yet announced; set through RENEGOTIATED
    private long deadline; // guarded by the socket's handshake lock; 0 until the handshake first runs

    /**
     * @param timeoutMillis bound on the whole handshake, across SO_TIMEOUT retries; 0 for none
     * @param completed run once per handshake, on the thread that completed it, with no lock held
     */
    HandshakeProgress(long timeoutMillis, Runnable completed) {
        this.timeoutMillis = timeoutMillis;
        this.completed = completed;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    boolean isDone() {
        return done;
    }

    /** The initial handshake completed. */
    void initialHandshakeDone() {
        done = true;
    }

    /** The listeners hear of the initial handshake (call outside every lock). */
    void announceInitialHandshake() {
        completed.run();
    }

    /** Fixed when the handshake first runs: a retry after an SO_TIMEOUT does not extend it, nor does a trickle. */
    long initialDeadline() {
        if (timeoutMillis <= 0) {
            return NetworkInput.NO_DEADLINE;
        }
        if (deadline == 0) {
            deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        }
        return deadline;
    }

    /** A renegotiation has the whole timeout from its start. */
    long renegotiationDeadline() {
        return timeoutMillis <= 0 ? NetworkInput.NO_DEADLINE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** Notes a result that completed a renegotiation. */
    SSLEngineResult noted(SSLEngineResult r) {
        if (done && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            renegotiated = true;
        }
        return r;
    }

    /** A renegotiation completed on this thread: the listeners hear of it (outside every lock). */
    void announceRenegotiation() {
        if ((boolean) RENEGOTIATED.getAndSet(this, false)) {
            completed.run();
        }
    }
}
