package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * Finished (RFC 5246 §7.4.9); verify_data_length is 12 unless the cipher suite says otherwise.
 * <pre>
 * struct { opaque verify_data[verify_data_length]; } Finished;
 * </pre>
 * In TLS 1.3 (RFC 8446 §4.4.4) verify_data is Hash.length bytes: decode with that length.
 * Compare verify_data with {@code MessageDigest.isEqual}, never with {@code equals}.
 */
public record Finished(Bytes verifyData) implements HandshakeMessage {
    /** The verify_data_length of every TLS 1.2 suite defined so far. */
    public static final int DEFAULT_VERIFY_DATA_LENGTH = 12;

    public Finished {
        Objects.requireNonNull(verifyData, "verifyData");
    }

    public static Finished decode(byte[] body, int verifyDataLength) {
        if (body.length != verifyDataLength) {
            throw new DecodeException("Finished.verify_data: expected " + verifyDataLength + " bytes, got "
                    + body.length);
        }
        return new Finished(Bytes.of(body));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        verifyData.writeTo(w);
    }
}
