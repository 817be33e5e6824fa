package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * ServerHello (RFC 5246 §7.4.1.3):
 * <pre>
 * struct {
 *     ProtocolVersion server_version;
 *     Random random;                      // 32 bytes
 *     SessionID session_id;               // opaque SessionID&lt;0..32&gt;
 *     CipherSuite cipher_suite;
 *     CompressionMethod compression_method;
 *     select (extensions_present) {
 *         case false: struct {};
 *         case true:  Extension extensions&lt;0..2^16-1&gt;;
 *     };
 * } ServerHello;
 * </pre>
 * An absent extensions block decodes as {@link Extensions#EMPTY}, and an empty one is not written.
 */
public record ServerHello(ProtocolVersion version, Bytes random, Bytes sessionId, CipherSuite cipherSuite,
                          int compressionMethod, Extensions extensions) implements HandshakeMessage {
    /** CompressionMethod null(0), the only one this implementation uses (RFC 5246 §7.4.1.2). */
    public static final int NULL_COMPRESSION = 0;

    public ServerHello {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(extensions, "extensions");
        if (random.length() != ClientHello.RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes, got " + random.length());
        }
        if (compressionMethod < 0 || compressionMethod > 0xFF) {
            throw new IllegalArgumentException("compression method out of range: " + compressionMethod);
        }
    }

    public static ServerHello decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        ProtocolVersion version = ProtocolVersion.of(Vectors.u16(r, "ServerHello.server_version"));
        Bytes random = Vectors.fixed(r, ClientHello.RANDOM_LENGTH, "ServerHello.random");
        Bytes sessionId = Vectors.opaque8(r, 0, ClientHello.MAX_SESSION_ID_LENGTH, "ServerHello.session_id");
        CipherSuite suite = CipherSuite.of(Vectors.u16(r, "ServerHello.cipher_suite"));
        int compression = Vectors.u8(r, "ServerHello.compression_method");
        Extensions extensions = r.hasRemaining() ? Extensions.decode(r) : Extensions.EMPTY;
        r.expectEnd("ServerHello");
        return new ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u16(version.code());
        random.writeTo(w);
        w.prefixed8(sessionId::writeTo);
        w.u16(cipherSuite.code());
        w.u8(compressionMethod);
        if (!extensions.isEmpty()) {
            extensions.encode(w);
        }
    }
}
