package dev.xtls.bench.timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Prints the medians of every class, the statistics of every pair of classes, and one verdict for the target. */
final class TimingReport {
    private TimingReport() {
    }

    /** Compares every pair of classes; returns the pairs. */
    static List<PairStatistics> print(String target, List<InputClass> classes, long[][] nanos) {
        System.out.printf("%n== %s: %d classes, %d interleaved samples each%n", target, classes.size(),
                nanos[0].length);
        for (int c = 0; c < classes.size(); c++) {
            long[] sorted = nanos[c].clone();
            Arrays.sort(sorted);
            System.out.printf("  %-22s median %,12d ns   p10 %,12d   p90 %,12d%n", classes.get(c).name(),
                    sorted[sorted.length / 2], sorted[sorted.length / 10], sorted[sorted.length * 9 / 10]);
        }
        System.out.printf("  %-22s %-22s %8s %10s %12s %25s%n", "class A", "class B", "max|t|", "Wilcoxon p",
                "median B-A", "95% CI (sign test)");
        List<PairStatistics> pairs = new ArrayList<>();
        for (int a = 0; a < classes.size(); a++) {
            for (int b = a + 1; b < classes.size(); b++) {
                PairStatistics s = PairStatistics.of(classes.get(a).name(), classes.get(b).name(), nanos[a],
                        nanos[b]);
                pairs.add(s);
                System.out.printf("  %-22s %-22s %8.2f %10.2g %12.0f %12.0f .. %-10.0f %s%n", s.a(), s.b(),
                        s.maxAbsT(), s.wilcoxonP(), s.medianDiff(), s.ciLow(), s.ciHigh(), s.leaks() ? "LEAK" : "");
            }
        }
        PairStatistics worstT = pairs.stream().max((x, y) -> Double.compare(x.maxAbsT(), y.maxAbsT())).orElseThrow();
        PairStatistics worstP = pairs.stream().min((x, y) -> Double.compare(x.wilcoxonP(), y.wilcoxonP()))
                .orElseThrow();
        boolean leak = pairs.stream().anyMatch(PairStatistics::leaks);
        System.out.printf("RESULT %s: max|t| %.2f (%s vs %s), min Wilcoxon p %.2g (%s vs %s, median diff %.0f ns"
                + " [%.0f, %.0f]) -> %s%n", target, worstT.maxAbsT(), worstT.a(), worstT.b(), worstP.wilcoxonP(),
                worstP.a(), worstP.b(), worstP.medianDiff(), worstP.ciLow(), worstP.ciHigh(),
                leak ? "LEAK (|t| > 4.5 or p < 1e-5)" : "no leak detected at this sample size");
        return pairs;
    }
}
