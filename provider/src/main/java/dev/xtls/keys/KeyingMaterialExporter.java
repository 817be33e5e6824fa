package dev.xtls.keys;

import javax.security.auth.Destroyable;

/**
 * Exported keying material of one connection (RFC 5705 §4, RFC 8446 §7.5). Implementations: {@link Tls12Exporter}
 * and {@link Tls13Exporter}; each keeps its own copy of its secret, destroyed with the connection.
 */
public interface KeyingMaterialExporter extends Destroyable {
    /**
     * {@code length} bytes for {@code label} and {@code context}; a null context is "no context", which TLS 1.2
     * distinguishes from an empty one (RFC 5705 §4) and TLS 1.3 does not (RFC 8446 §7.5).
     *
     * @throws IllegalArgumentException for a label that is empty or not ASCII, a context longer than 65535 bytes,
     *     or a length below 1 or above what the version can export
     */
    byte[] export(String label, byte[] context, int length);

    /** Wipes the secret; {@link #export} fails afterwards. */
    @Override
    void destroy();
}
