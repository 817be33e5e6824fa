package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.List;
import java.util.Objects;

/**
 * ClientHello (RFC 5246 §7.4.1.2):
 * <pre>
 * struct {
 *     ProtocolVersion client_version;
 *     Random random;                                  // 32 bytes
 *     SessionID session_id;                           // opaque SessionID&lt;0..32&gt;
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     CompressionMethod compression_methods&lt;1..2^8-1&gt;;
 *     select (extensions_present) {
 *         case false: struct {};
 *         case true:  Extension extensions&lt;0..2^16-1&gt;;
 *     };
 * } ClientHello;
 * </pre>
 * An absent extensions block decodes as {@link Extensions#EMPTY}, and an empty one is not written.
 */
public record ClientHello(ProtocolVersion legacyVersion, Bytes random, Bytes sessionId,
                          List<CipherSuite> cipherSuites, Bytes compressionMethods, Extensions extensions)
        implements HandshakeMessage {
    public static final int RANDOM_LENGTH = 32;
    public static final int MAX_SESSION_ID_LENGTH = 32;

    public ClientHello {
        Objects.requireNonNull(legacyVersion, "legacyVersion");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(compressionMethods, "compressionMethods");
        Objects.requireNonNull(extensions, "extensions");
        if (random.length() != RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes, got " + random.length());
        }
        cipherSuites = List.copyOf(cipherSuites);
    }

    public static ClientHello decode(byte[] body) {
        TlsReader r = TlsReader.of(body);
        ProtocolVersion version = ProtocolVersion.of(Vectors.u16(r, "ClientHello.client_version"));
        Bytes random = Vectors.fixed(r, RANDOM_LENGTH, "ClientHello.random");
        Bytes sessionId = Vectors.opaque8(r, 0, MAX_SESSION_ID_LENGTH, "ClientHello.session_id");
        List<CipherSuite> suites = Vectors.u16List(r, 2, "ClientHello.cipher_suites", CipherSuite::of);
        Bytes compression = Vectors.opaque8(r, 1, 255, "ClientHello.compression_methods");
        Extensions extensions = r.hasRemaining() ? Extensions.decode(r) : Extensions.EMPTY;
        r.expectEnd("ClientHello");
        return new ClientHello(version, random, sessionId, suites, compression, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u16(legacyVersion.code());
        random.writeTo(w);
        w.prefixed8(sessionId::writeTo);
        w.prefixed16(s -> cipherSuites.forEach(c -> s.u16(c.code())));
        w.prefixed8(compressionMethods::writeTo);
        if (!extensions.isEmpty()) {
            extensions.encode(w);
        }
    }

    /** TLS 1.2 clients must offer the null compression method (RFC 5246 §7.4.1.2). */
    public boolean offersNullCompression() {
        for (int i = 0; i < compressionMethods.length(); i++) {
            if (compressionMethods.get(i) == ServerHello.NULL_COMPRESSION) {
                return true;
            }
        }
        return false;
    }
}
