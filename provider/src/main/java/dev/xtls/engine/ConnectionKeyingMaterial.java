package dev.xtls.engine;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.keys.ChannelBinding;
import dev.xtls.keys.KeyingMaterialExporter;

/**
 * A connection's keying-material exporter (RFC 5705, RFC 8446 §7.5) and the tls-exporter channel binding made
 * from it (RFC 9266): the exporter of the last completed handshake, destroyed when the connection closes. Guarded
 * by the connection's monitor (the outbound lock, see {@link ConnectionState}).
 */
abstract class ConnectionKeyingMaterial extends ConnectionState {
    private KeyingMaterialExporter exporter; // guarded by this object's monitor; destroyed when the connection closes

    ConnectionKeyingMaterial(HandshakeConfig config, HandshakeTraceListener traceListener) {
        super(config, traceListener);
    }

    /**
     * RFC 5705 §4 / RFC 8446 §7.5: keying material of the last completed handshake.
     *
     * @throws IllegalStateException before a handshake completed, after close, or for a TLS 1.2 session without
     *     the extended master secret (RFC 7627 §5.4)
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        synchronized (this) {
            return exporter().export(label, context, length);
        }
    }

    /** RFC 9266 §2: the tls-exporter channel binding; throws as {@link #exportKeyingMaterial}. */
    public byte[] tlsExporterChannelBinding() {
        synchronized (this) {
            return ChannelBinding.tlsExporter(exporter());
        }
    }

    private KeyingMaterialExporter exporter() {
        synchronized (this) {
            if (exporter == null || exporter.isDestroyed()) {
                throw new IllegalStateException(session == null ? "no handshake has completed on this connection"
                        : inboundDone || outboundDone || closeQueued ? "the connection is closed"
                        : "this TLS 1.2 session has no extended master secret: RFC 7627 §5.4 forbids exporting"
                                + " keying material from it (enable jdk.tls.useExtendedMasterSecret on both peers)");
            }
            return exporter;
        }
    }

    /** The exporter of a handshake that just completed replaces the previous one, which is destroyed. */
    void replaceExporter(KeyingMaterialExporter next) {
        synchronized (this) {
            destroy(exporter);
            exporter = next;
        }
    }

    /** The exporter's secret goes with the connection. */
    void destroyExporter() {
        synchronized (this) {
            destroy(exporter);
            exporter = null;
        }
    }

    static void destroy(KeyingMaterialExporter e) {
        if (e != null) {
            e.destroy();
        }
    }
}
