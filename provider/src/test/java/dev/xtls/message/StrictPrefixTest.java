package dev.xtls.message;

import dev.xtls.wire.DecodeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictPrefixTest {
    static Stream<CodecCase<?>> cases() {
        return Codecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStrictPrefixIsRejectedUnlessTheRfcMakesItAnotherValidValue(CodecCase<?> c) {
        byte[] full = c.encoded();
        for (int n = 0; n < full.length; n++) {
            byte[] prefix = Arrays.copyOf(full, n);
            if (c.validPrefix().test(n)) {
                assertNotEquals(c.value(), c.decoder().apply(prefix), "prefix of " + n + " bytes");
            } else {
                int len = n;
                assertThrows(DecodeException.class, () -> c.decoder().apply(prefix),
                        () -> "prefix of " + len + " of " + full.length + " bytes");
            }
        }
    }
}
