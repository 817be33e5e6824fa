package dev.xtls.message;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundTripTest {
    static Stream<CodecCase<?>> cases() {
        return Codecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodingTheEncodingGivesBackTheSameValue(CodecCase<?> c) {
        assertEquals(c.value(), c.decoder().apply(c.encoded()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reencodingTheDecodedValueGivesTheSameBytes(CodecCase<?> c) {
        assertArrayEquals(c.encoded(), reencode(c, c.encoded()));
    }

    private static <T> byte[] reencode(CodecCase<T> c, byte[] encoded) {
        return c.encoder().apply(c.decoder().apply(encoded));
    }
}
