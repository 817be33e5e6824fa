package dev.xtls.engine;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.HandshakeOutput;
import dev.xtls.handshake.RenegotiationContext;
import dev.xtls.handshake.SessionOrigin;
import dev.xtls.keys.KeyingMaterialExporter;
import dev.xtls.message.Alert;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.AlertLevel;
import dev.xtls.wire.ContentType;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.ProtocolVersion;
import java.util.List;

/**
 * The handshake's way out of a connection: everything it sends is queued in order on the writing side (under the
 * outbound lock), what it changes on the reading side is installed there, and its completion leaves the connection
 * idle. One per handshake context, so an idle connection holds none. Called with the inbound lock held.
 */
final class ConnectionOutput implements HandshakeOutput {
    private final TlsConnection connection;

    ConnectionOutput(TlsConnection connection) {
        this.connection = connection;
    }

    /** RFC 5246 §7.2.1: after close_notify nothing else is written. */
    private boolean closing() {
        return connection.closeQueued || connection.outboundDone;
    }

    @Override
    public void handshakeMessage(byte[] encoded) {
        synchronized (connection.outLock) {
            if (!closing()) {
                connection.releaseHeldChangeCipherSpec();
                connection.trace.sent(encoded);
                connection.queue().handshake(encoded);
            }
        }
    }

    @Override
    public void changeCipherSpec(RecordProtection next) {
        synchronized (connection.outLock) {
            if (!closing()) {
                connection.releaseHeldChangeCipherSpec();
                connection.queueChangeCipherSpec(next);
            }
        }
    }

    @Override
    public void installWriteProtection(RecordProtection next) {
        synchronized (connection.outLock) {
            if (!closing()) {
                connection.releaseHeldChangeCipherSpec();
                connection.queue().keyChange(next);
                connection.trace.writeKeysChanged();
            }
        }
    }

    @Override
    public void changeCipherSpecBeforeNextFlight(RecordProtection next) {
        synchronized (connection.outLock) {
            if (!closing()) {
                connection.heldChangeCipherSpec = next;
            }
        }
    }

    @Override
    public void installReadProtection(RecordProtection next) {
        connection.reader.install(next);
        connection.readKeysChanged = true;
        connection.trace.readKeysChanged();
    }

    @Override
    public void skipEarlyData() {
        connection.earlyData = new EarlyDataSkipper();
    }

    @Override
    public void warningAlert(AlertDescription description) {
        synchronized (connection.outLock) {
            if (!closing()) {
                connection.releaseHeldChangeCipherSpec();
                connection.queue().record(ContentType.ALERT, new Alert(AlertLevel.WARNING, description).encode());
            }
        }
    }

    @Override
    public void recordSizeLimits(RecordSizeLimits limits) {
        connection.reader.limit(limits);
        synchronized (connection.outLock) {
            connection.writer.limitContent(limits.sendContent());
        }
        connection.recordSizeLimits = limits;
    }

    @Override
    public void versionNegotiated(ProtocolVersion version) {
        connection.tls13 = version.equals(ProtocolVersion.TLS13);
        connection.trace.version(version);
        // RFC 8446 §5.1: TLS 1.3 records carry legacy_record_version 0x0303
        connection.reader.requireVersion(connection.tls13 ? ProtocolVersion.TLS12.code() : version.code());
    }

    @Override
    public void handshakeComplete(SessionState established, SessionOrigin origin,
            List<ExtensionType> serverExtensions, KeyingMaterialExporter next) {
        if (connection.inboundDone) {
            ConnectionKeyingMaterial.destroy(next);
            return; // closed during the handshake: nothing is established
        }
        if (next != null) {
            connection.replaceExporter(next);
        }
        // an idle connection keeps no handshake buffers: application data is decrypted into the caller's
        connection.plaintext = null;
        connection.context = null; // the transcript, randoms and configuration go with it; see TlsConnection.handshakeContext()
        if (!(connection.tls13 && connection.config.clientMode())) {
            // only a TLS 1.3 client's later messages use the engine's managers and session store (tickets,
            // post-handshake auth, RFC 8446 §4.6); an idle connection keeps none
            connection.config = connection.config.unbound();
        }
        connection.resumed = origin.resumed();
        connection.session = established;
        connection.completedHandshakes++;
        connection.handshaking = false;
        connection.finishedPending = true;
        connection.trace.completed(established, origin, serverExtensions);
    }

    @Override
    public HandshakeContext renegotiation(RenegotiationContext previous) {
        synchronized (connection.outLock) {
            return connection.nextHandshake(previous);
        }
    }
}
