package dev.xtls.message;

import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * EncryptedExtensions (RFC 8446 §4.3.1): the server's extensions that do not shape the key exchange.
 * <pre>
 * struct {
 *     Extension extensions&lt;0..2^16-1&gt;;
 * } EncryptedExtensions;
 * </pre>
 */
public record EncryptedExtensions(Extensions extensions) implements HandshakeMessage {
    public EncryptedExtensions {
        Objects.requireNonNull(extensions, "extensions");
    }

    public static EncryptedExtensions decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Extensions extensions = Extensions.decode(r);
        r.expectEnd("EncryptedExtensions");
        return new EncryptedExtensions(extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        extensions.encode(w);
    }
}
