package dev.xtls.bench.timing;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Wilcoxon signed-rank test of paired differences, two-sided, normal approximation with the tie correction.
 * Zero differences are dropped first (Wilcoxon's treatment): the clock's granularity makes many of them, and
 * commons-math's {@code WilcoxonSignedRankTest} ranks them yet counts them on neither side, which reports
 * differences that are not there.
 */
final class WilcoxonSignedRank {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private WilcoxonSignedRank() {
    }

    static double pValue(double[] differences) {
        double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return 1;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(nonZero[a]), Math.abs(nonZero[b])));
        double positiveRanks = 0;
        double ties = 0;
        for (int start = 0; start < n;) {
            int end = start;
            while (end + 1 < n && Math.abs(nonZero[order[end + 1]]) == Math.abs(nonZero[order[start]])) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1; // ties share their average rank
            for (int i = start; i <= end; i++) {
                if (nonZero[order[i]] > 0) {
                    positiveRanks += rank;
                }
            }
            double t = end - start + 1;
            ties += t * t * t - t;
            start = end + 1;
        }
        double mean = n * (n + 1.0) / 4;
        double variance = n * (n + 1.0) * (2 * n + 1.0) / 24 - ties / 48;
        if (variance <= 0) {
            return 1;
        }
        double z = Math.abs(positiveRanks - mean) / Math.sqrt(variance);
        return Math.min(1, 2 * NORMAL.cumulativeProbability(-z));
    }
}
