package dev.xtls.engine;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeState;
import dev.xtls.handshake.RecordSizePolicy;
import dev.xtls.record.RecordReader;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.util.List;

/**
 * What both directions of a {@link TlsConnection} read: its locks, lifecycle flags, handshake state and
 * established session. A connection is one object whose parts are this class and its subclasses, each with one
 * job ({@link ConnectionKeyingMaterial}, {@link ConnectionOutbound}, {@link ConnectionClosing},
 * {@link ConnectionInbound}, {@link TlsConnection}): superclasses rather than fields, so that an idle connection
 * holds no more objects than one class would (issue 13).
 * <p>
 * Locks: the inbound lock is the record reader's monitor, which nothing else takes (no lock object of its own);
 * it guards the reading side (reader, handshake state and context, the inbound fields of
 * {@link ConnectionInbound}). The outbound lock is the connection's own monitor; it guards the writing side (the
 * fields of {@link ConnectionOutbound}, {@link #closeQueued}) and the exporter. Lock order: inbound, then
 * outbound; the inbound side takes the outbound lock only briefly to queue handshake output.
 */
abstract class ConnectionState {
    // the inbound lock is the record reader's monitor, which nothing else takes (no lock object of its own)
    final RecordReader reader = new RecordReader();
    final Object inLock = reader;
    // this object's monitor, which also guards the exporter: one lock object less per engine
    final Object outLock = this;

    volatile HandshakeConfig config; // unbound from the engine once established, see ConnectionOutput
    final ConnectionTrace trace;

    // guarded by inLock
    HandshakeContext context; // null while idle: see TlsConnection.handshakeContext()
    HandshakeState state;

    boolean closeQueued; // guarded by outLock

    // read by both sides
    volatile boolean started;
    volatile boolean handshaking;
    volatile boolean finishedPending;
    volatile boolean inboundDone;
    volatile boolean outboundDone;
    volatile SessionState session;
    volatile boolean resumed;
    volatile int completedHandshakes;
    volatile RecordSizeLimits recordSizeLimits = RecordSizeLimits.NONE;

    ConnectionState(HandshakeConfig config, HandshakeTraceListener traceListener) {
        this.config = config;
        this.trace = new ConnectionTrace(config.clientMode(), config.clock(), traceListener);
    }

    /** Starts the initial handshake; a call once started or after close is ignored. */
    public abstract void beginHandshake();

    /** Records a fatal error: queues the alert unless the peer sent it, closes both directions. */
    abstract TlsException fail(TlsException e);

    public HandshakeConfig config() {
        return config;
    }

    /** Forgets the context once no handshake runs; the established state holds what later messages need. */
    void dropIdleContext() {
        if (!handshaking) {
            context = null;
        }
    }

    /**
     * A failure that is not a protocol error — a key or trust manager, an ALPN selector or a JCA provider threw —
     * still ends the connection properly: internal_error to the peer (RFC 5246 §7.2.2), the cause kept.
     */
    static TlsException asTlsException(RuntimeException e) {
        return e instanceof TlsException t ? t : new TlsException(AlertDescription.INTERNAL_ERROR,
                "unexpected failure during the connection: " + e, e);
    }

    public boolean isInboundDone() {
        return inboundDone;
    }

    public boolean isOutboundDone() {
        return outboundDone;
    }

    /** The established session, or null before the first handshake completes. */
    public SessionState session() {
        return session;
    }

    /** Handshakes completed on this connection: 1 after the initial one, one more per renegotiation. */
    public int completedHandshakes() {
        return completedHandshakes;
    }

    /** True when the established session was resumed by an abbreviated handshake (RFC 5246 §7.3). */
    public boolean sessionResumed() {
        return resumed;
    }

    /**
     * As SunJSSE: the largest record this connection sends (also capped by the maximum packet size) or accepts
     * under the negotiated limits, with room for header, IV, MAC and padding; {@link TlsConnection#maxPacketSize()}
     * without.
     */
    public int packetBufferSize() {
        RecordSizeLimits l = recordSizeLimits;
        int cap = config.recordSizes().maximumPacketSize();
        if (l.isDefault() && cap == 0) {
            return TlsConnection.maxPacketSize();
        }
        int sending = l.sendContent() + RecordSizePolicy.PACKET_OVERHEAD;
        return Math.max(cap > 0 ? Math.min(sending, cap) : sending,
                l.receiveContent() + RecordSizePolicy.PACKET_OVERHEAD);
    }

    /** The largest plaintext one record from the peer may carry under the negotiated limits. */
    public int applicationBufferSize() {
        return recordSizeLimits.receiveContent();
    }

    /** This connection's handshakes as they passed: the last few, oldest first (see {@link HandshakeFigure}). */
    public List<HandshakeTrace> handshakeTraces() {
        return trace.handshakes();
    }
}
