package dev.xtls.keys;

/** Channel bindings derived from the connection's keys. */
public final class ChannelBinding {
    /** RFC 9266 §2: the label of the tls-exporter channel binding. */
    public static final String TLS_EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    /** RFC 9266 §2: 32 bytes. */
    public static final int TLS_EXPORTER_LENGTH = 32;

    private ChannelBinding() {
    }

    /**
     * RFC 9266 §2 "tls-exporter": the exporter with label "EXPORTER-Channel-Binding", a zero-length context and
     * length 32. The context is given as present and empty: that is what the RFC writes, and it matters only for
     * TLS 1.2 (RFC 5705 §4), whose exporter exists only with the extended master secret that RFC 9266 §2 requires.
     */
    public static byte[] tlsExporter(KeyingMaterialExporter exporter) {
        return exporter.export(TLS_EXPORTER_LABEL, new byte[0], TLS_EXPORTER_LENGTH);
    }
}
