package dev.xtls.bench.timing;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The comparison of two classes' timings. Parametric, as dudect does: Welch's t over the whole sample and over
 * samples cropped above several percentiles of the pooled data (the largest |t| counts; |t| > 4.5 is a leak).
 * Non-parametric, as the Marvin tooling does: the Wilcoxon signed-rank test on the round-paired differences and the
 * median difference with a 95% confidence interval from the sign test's order statistics.
 */
record PairStatistics(String a, String b, int samples, double maxAbsT, double wilcoxonP, double medianDiff,
        double ciLow, double ciHigh) {

    /** dudect's threshold on |t|. */
    static final double T_THRESHOLD = 4.5;
    /** The Marvin tooling's threshold on a p-value. */
    static final double P_THRESHOLD = 1e-5;
    private static final double[] CROP_PERCENTILES = {100, 99, 95, 90, 75, 50};

    static PairStatistics of(String a, String b, long[] x, long[] y) {
        double maxT = 0;
        for (double percentile : CROP_PERCENTILES) {
            maxT = Math.max(maxT, Math.abs(welchT(x, y, percentile)));
        }
        double[] diffs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            diffs[i] = (double) y[i] - x[i];
        }
        double p = WilcoxonSignedRank.pValue(diffs);
        Arrays.sort(diffs);
        int n = diffs.length;
        // sign test: the 95% interval of the median between order statistics n/2 -+ 1.96 sqrt(n)/2
        int half = (int) Math.ceil(1.96 * Math.sqrt(n) / 2);
        double low = diffs[Math.max(0, n / 2 - half)];
        double high = diffs[Math.min(n - 1, n / 2 + half)];
        return new PairStatistics(a, b, n, maxT, p, diffs[n / 2], low, high);
    }

    boolean leaks() {
        return maxAbsT > T_THRESHOLD || wilcoxonP < P_THRESHOLD;
    }

    /** Welch's t of the samples of both classes at or below the {@code percentile} of the pooled samples. */
    private static double welchT(long[] x, long[] y, double percentile) {
        long[] pooled = new long[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        Arrays.sort(pooled);
        long limit = pooled[(int) Math.min(pooled.length - 1, Math.floor(percentile / 100 * pooled.length))];
        double[] cx = Arrays.stream(x).filter(v -> v <= limit).asDoubleStream().toArray();
        double[] cy = Arrays.stream(y).filter(v -> v <= limit).asDoubleStream().toArray();
        if (cx.length < 2 || cy.length < 2) {
            return 0;
        }
        double t = new TTest().t(cx, cy);
        return Double.isNaN(t) ? 0 : t; // NaN when both cropped samples are constant
    }
}
