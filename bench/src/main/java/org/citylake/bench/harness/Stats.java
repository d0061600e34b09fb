package org.citylake.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of repeated measurements: median, quantiles, spread. */
public final class Stats {

    /** Summary of one series: count, median, min, max, first and third quartile. */
    public record Summary(int n, double median, double min, double max, double q1, double q3) {

        /** Interquartile range q3 - q1. */
        public double iqr() {
            return q3 - q1;
        }
    }

    private Stats() {}

    public static Summary summarize(List<Double> values) {
        List<Double> sorted = sorted(values);
        return new Summary(
                sorted.size(),
                quantileOfSorted(sorted, 0.5),
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                quantileOfSorted(sorted, 0.25),
                quantileOfSorted(sorted, 0.75));
    }

    public static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    /**
     * The q-quantile (0 ≤ q ≤ 1) with linear interpolation between closest ranks (the "R-7"
     * definition, as in NumPy's default and spreadsheet PERCENTILE): the median of an even count is
     * the mean of the two middle values.
     */
    public static double quantile(List<Double> values, double q) {
        return quantileOfSorted(sorted(values), q);
    }

    private static double quantileOfSorted(List<Double> sorted, double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quantile must be within 0..1, got " + q);
        }
        double position = q * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double fraction = position - lower;
        return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * fraction;
    }

    private static List<Double> sorted(List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarize");
        }
        List<Double> sorted = new ArrayList<>(values);
        for (Double v : sorted) {
            if (v == null || v.isNaN()) {
                throw new IllegalArgumentException("not a number among the values: " + values);
            }
        }
        Collections.sort(sorted);
        return sorted;
    }
}
