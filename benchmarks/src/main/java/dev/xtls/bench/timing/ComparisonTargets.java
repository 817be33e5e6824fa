package dev.xtls.bench.timing;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;

/**
 * The comparisons of received secrets: Finished verify_data (RFC 5246 §7.4.9: 12 bytes; RFC 8446 §4.4.4: an HMAC of
 * 32 or 48 bytes) and PSK binders (RFC 8446 §4.2.11.2: an HMAC). Every one of them in the provider is a
 * {@link MessageDigest#isEqual} of the expected value with the received one, timed here in batches (one compare is
 * a few nanoseconds) for a value wrong at the first byte, wrong at the last byte, and right.
 */
final class ComparisonTargets {
    private static final int BATCH = 1000;

    private ComparisonTargets() {
    }

    static List<InputClass> classes(int length, long seed) {
        return classes(length, seed, MessageDigest::isEqual);
    }

    /** The positive control: {@link Arrays#equals(byte[], byte[])} returns at the first difference. */
    static List<InputClass> earlyExitControl(int length, long seed) {
        return classes(length, seed, Arrays::equals);
    }

    private static List<InputClass> classes(int length, long seed, BiPredicate<byte[], byte[]> compare) {
        byte[] expected = new byte[length];
        new Random(seed).nextBytes(expected);
        byte[] firstWrong = expected.clone();
        firstWrong[0] ^= 1;
        byte[] lastWrong = expected.clone();
        lastWrong[length - 1] ^= 1;
        return List.of(timed("wrong-first-byte", expected, firstWrong, compare),
                timed("wrong-last-byte", expected, lastWrong, compare),
                timed("right", expected, expected.clone(), compare));
    }

    private static InputClass timed(String name, byte[] expected, byte[] received,
            BiPredicate<byte[], byte[]> compare) {
        return new InputClass(name, () -> {
            int equal = 0;
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                equal += compare.test(expected, received) ? 1 : 0;
            }
            long nanos = System.nanoTime() - start;
            if (equal != 0 && equal != BATCH) {
                throw new IllegalStateException("the comparison changed its mind");
            }
            return nanos;
        });
    }
}
