package dev.xtls.message;

import dev.xtls.wire.TlsWriter;

import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * One value with its codec, so the round-trip, prefix and fuzz tests run over every message and extension.
 *
 * @param validPrefix strict prefix lengths the RFC makes a valid encoding of a different value
 */
public record CodecCase<T>(String name, T value, Function<T, byte[]> encoder, Function<byte[], T> decoder,
                           IntPredicate validPrefix) {

    public static <T> CodecCase<T> of(String name, T value, Function<T, byte[]> encoder,
                                      Function<byte[], T> decoder) {
        return new CodecCase<>(name, value, encoder, decoder, n -> false);
    }

    public static <T extends HandshakeMessage> CodecCase<T> message(String name, T value,
                                                                    Function<byte[], T> decoder) {
        return of(name, value, CodecCase::body, decoder);
    }

    public CodecCase<T> withValidPrefix(int length) {
        return withValidPrefixes(n -> n == length);
    }

    public CodecCase<T> withValidPrefixes(IntPredicate lengths) {
        return new CodecCase<>(name, value, encoder, decoder, lengths);
    }

    public byte[] encoded() {
        return encoder.apply(value);
    }

    public static byte[] body(HandshakeMessage m) {
        TlsWriter w = new TlsWriter();
        m.encodeBody(w);
        return w.toByteArray();
    }

    @Override
    public String toString() {
        return name;
    }
}
