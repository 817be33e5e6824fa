package dev.xtls.bench.timing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures every class once per round, in a fresh random order each round (dudect, Marvin: drift, frequency changes
 * and GC then fall on all classes alike). Sample {@code i} of every class comes from round {@code i}, which is what
 * makes the paired tests of {@link PairStatistics} valid.
 */
final class InterleavedSampler {
    private final long seed;

    InterleavedSampler(long seed) {
        this.seed = seed;
    }

    /** Returns {@code [class][round]} nanoseconds after {@code warmup} unrecorded rounds. */
    long[][] sample(List<InputClass> classes, int rounds, int warmup) throws Exception {
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            order.add(c);
        }
        for (int round = 0; round < warmup; round++) {
            for (InputClass c : classes) {
                c.operation().measure();
            }
        }
        long[][] nanos = new long[classes.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            Collections.shuffle(order, random);
            for (int c : order) {
                nanos[c][round] = classes.get(c).operation().measure();
            }
        }
        return nanos;
    }
}
