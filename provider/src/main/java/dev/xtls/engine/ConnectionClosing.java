package dev.xtls.engine;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.message.Alert;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.TlsException;

/**
 * How a connection ends: close_notify each way (RFC 5246 §7.2.1), a fatal error's alert (RFC 5246 §7.2.2), and
 * the keys and exporter secret wiped with it. Both locks, inbound first (see {@link ConnectionState}).
 */
abstract class ConnectionClosing extends ConnectionOutbound {
    boolean closeNotifyReceived; // guarded by inLock

    ConnectionClosing(HandshakeConfig config, HandshakeTraceListener traceListener) {
        super(config, traceListener);
    }

    @Override
    TlsException fail(TlsException e) {
        destroyExporter();
        trace.failed(handshaking, e.getMessage() + (e.receivedFromPeer() ? "" : " (" + e.alert() + " sent)"));
        handshaking = false;
        inboundDone = true;
        synchronized (outLock) {
            queue = null;
            if (e.receivedFromPeer() || outboundDone) {
                outboundDone = true;
                writer.destroyKeys();
            } else {
                releaseHeldChangeCipherSpec(); // the alert goes under the keys the peer reads with
                queue().record(ContentType.ALERT, new Alert(AlertLevel.FATAL, e.alert()).encode());
                closeQueued = true;
            }
        }
        return e;
    }

    /**
     * Queues close_notify (RFC 5246 §7.2.1); the next wrap sends it. Before any handshake, just closes. During a
     * handshake it waits for an unwrap in progress (inbound lock first), so nothing the handshake queues can follow
     * the alerts, and the half-made session is abandoned.
     */
    public void closeOutbound() {
        destroyExporter();
        synchronized (inLock) {
            synchronized (outLock) {
                if (outboundDone || closeQueued) {
                    return;
                }
                if (!started) {
                    outboundDone = true;
                    inboundDone = true;
                    return;
                }
                if (handshaking) {
                    handshaking = false;
                    inboundDone = true;
                    queue = null;
                    releaseHeldChangeCipherSpec();
                    queue().record(ContentType.ALERT,
                            new Alert(AlertLevel.WARNING, AlertDescription.USER_CANCELED).encode());
                }
                queue().record(ContentType.ALERT, new Alert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY).encode());
                closeQueued = true;
            }
        }
    }

    /** Throws TlsException if the peer's close_notify was not received: the data may have been truncated. */
    public void closeInbound() {
        synchronized (inLock) {
            if (inboundDone && (closeNotifyReceived || !started)) {
                inboundDone = true;
                return;
            }
            boolean wasDone = inboundDone;
            inboundDone = true;
            reader.destroyKeys();
            handshaking = false;
            closeOutbound();
            if (!wasDone) {
                throw new TlsException(AlertDescription.INTERNAL_ERROR,
                        "inbound closed before the peer's close_notify was received: possible truncation attack");
            }
        }
    }

    /** closeOutbound() was called, a close_notify or fatal alert is queued or sent: no handshake starts now. */
    public boolean isClosing() {
        synchronized (outLock) {
            return closeQueued || outboundDone || inboundDone;
        }
    }
}
