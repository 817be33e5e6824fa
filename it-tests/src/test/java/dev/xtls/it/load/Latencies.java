package dev.xtls.it.load;

import java.util.Arrays;

/** Durations in nanoseconds (0: not measured, left out), with their nearest-rank percentiles in milliseconds. */
record Latencies(long[] sortedNanos) {

    static Latencies of(long[] nanos) {
        return new Latencies(Arrays.stream(nanos).filter(n -> n > 0).sorted().toArray());
    }

    /** The p-th percentile (0 < p <= 100) in ms, nearest rank; NaN when nothing was measured. */
    double percentileMillis(double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
