package dev.qwenwb.evaluation.stats;

import dev.qwenwb.inference.util.Percentiles;

/**
 * A metric aggregated over results: mean, median, p90, p99 (NaN when nothing was measured).
 *
 * @param n values measured
 * @param mean the mean
 * @param median the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 */
public record Aggregate(int n, double mean, double median, double p90, double p99) {

    /** @return the aggregate of the non-NaN values */
    public static Aggregate of(double[] values) {
        int n = (int) java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
        return new Aggregate(n, Percentiles.mean(values), Percentiles.of(values, 50), Percentiles.of(values, 90),
                Percentiles.of(values, 99));
    }
}
