package dev.qwenwb.inference.util;

import java.util.Arrays;

/**
 * Percentiles and means the way numpy computes them by default ({@code numpy.percentile}, linear interpolation
 * between ranks): what users compare against. The one definition used by the benchmark and the evaluation, so the
 * two never report different p50/p99 for the same latencies.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param values the sample (not modified); NaNs are ignored
     * @param p the percentile, 0..100
     * @return the percentile, NaN for an empty sample
     */
    public static double of(double[] values, double p) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (rank - lo);
    }

    /** @return the mean ignoring NaNs, NaN for an empty sample */
    public static double mean(double[] values) {
        return Arrays.stream(values).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }
}
