package dev.xtls.message;

import dev.xtls.wire.TlsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Decoders given junk fail only with a TLS alert, and whatever they accept encodes back to itself. */
class RandomInputTest {
    private static final int INPUTS = 2000;

    static Stream<CodecCase<?>> cases() {
        return Codecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void randomBytesRaiseOnlyTlsExceptions(CodecCase<?> c) {
        Random rnd = new Random(0x5EED_0000L + c.name().hashCode());
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = new byte[rnd.nextInt(i < INPUTS / 2 ? 12 : 400)];
            rnd.nextBytes(input);
            check(c, input);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mutatedValidEncodingsRaiseOnlyTlsExceptions(CodecCase<?> c) {
        Random rnd = new Random(0xC0DE_0000L + c.name().hashCode());
        byte[] valid = c.encoded();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = valid;
            for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
                input = mutate(input, rnd);
            }
            check(c, input);
        }
    }

    private static <T> void check(CodecCase<T> c, byte[] input) {
        T decoded;
        try {
            decoded = c.decoder().apply(input);
        } catch (TlsException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(c.name() + " threw " + e + " for " + HexFormat.of().formatHex(input), e);
        }
        try {
            assertEquals(decoded, c.decoder().apply(c.encoder().apply(decoded)));
        } catch (RuntimeException e) {
            fail(c.name() + " accepted a value it cannot re-encode: " + HexFormat.of().formatHex(input), e);
        }
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        if (in.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        int at = rnd.nextInt(in.length);
        byte[] out = in.clone();
        switch (rnd.nextInt(7)) {
            case 0 -> out[at] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> out[at] = (byte) rnd.nextInt(256);
            case 2 -> out[at] = rnd.nextBoolean() ? 0 : (byte) 0xFF;
            case 3 -> out = Arrays.copyOf(in, at);
            case 4 -> {
                out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = (byte) rnd.nextInt(256);
                System.arraycopy(in, at, out, at + 1, in.length - at);
            }
            case 5 -> {
                out = new byte[in.length - 1];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + 1, out, at, in.length - at - 1);
            }
            default -> {
                byte[] tail = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(tail);
                out = Arrays.copyOf(in, in.length + tail.length);
                System.arraycopy(tail, 0, out, in.length, tail.length);
            }
        }
        return out;
    }
}
