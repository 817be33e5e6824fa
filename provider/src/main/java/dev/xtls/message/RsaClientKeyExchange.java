package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ClientKeyExchange for RSA key transport (RFC 5246 §7.4.7.1); TLS 1.0 and later prefix the ciphertext with
 * its length:
 * <pre>
 * struct { public-key-encrypted PreMasterSecret pre_master_secret; } EncryptedPreMasterSecret;
 * // on the wire: opaque encrypted_pre_master_secret&lt;0..2^16-1&gt;
 * </pre>
 * A wrong ciphertext length is not a decode error here: the handshake must treat it like a bad padding
 * (RFC 5246 §7.4.7.1, Bleichenbacher countermeasure).
 */
public record RsaClientKeyExchange(Bytes encryptedPreMaster) implements HandshakeMessage {
    public RsaClientKeyExchange {
        Objects.requireNonNull(encryptedPreMaster, "encryptedPreMaster");
    }

    public static RsaClientKeyExchange decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        Bytes encrypted = Vectors.opaque16(r, 0, "EncryptedPreMasterSecret");
        r.expectEnd("ClientKeyExchange");
        return new RsaClientKeyExchange(encrypted);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.prefixed16(encryptedPreMaster::writeTo);
    }
}
