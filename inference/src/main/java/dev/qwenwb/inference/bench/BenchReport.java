package dev.qwenwb.inference.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark's runs and their medians, with the memory-bandwidth yardstick: decode of a small model reads every
 * weight once per token, so tokens/s ≤ bandwidth / weight bytes per token.
 *
 * @param model                 model name (folder, or the config for dummy weights)
 * @param device                where it ran
 * @param dtype                 weight precision
 * @param threads               CPU threads (0: PyTorch's default)
 * @param config                what was run
 * @param runs                  each run
 * @param weightBytesPerToken   weight bytes one decode step reads
 * @param triadGbPerS           memory bandwidth measured just before (STREAM triad in Java), 0 if not measured
 */
public record BenchReport(String model, String device, String dtype, int threads, BenchConfig config,
                          List<BenchRun> runs, long weightBytesPerToken, double triadGbPerS) {

    public BenchRun median() {
        return new BenchRun(med(BenchRun::loadS), med(BenchRun::ttftMs), med(BenchRun::prefillTokensPerS),
                med(BenchRun::decodeTokensPerS), med(BenchRun::itlP50Ms), med(BenchRun::itlP99Ms),
                (long) med(r -> r.peakRssMb()), (long) med(r -> r.gpuMemoryMb()));
    }

    /** Weight bytes per token × median decode tokens/s, in GB/s (10⁹ bytes). */
    public double effectiveGbPerS() {
        return weightBytesPerToken * median().decodeTokensPerS() / 1e9;
    }

    /** The decode rate the measured bandwidth allows, or 0 when not measured. */
    public double boundTokensPerS() {
        return triadGbPerS <= 0 ? 0 : triadGbPerS * 1e9 / weightBytesPerToken;
    }

    private double med(ToDoubleFunction<BenchRun> f) {
        return median(runs.stream().mapToDouble(f).toArray());
    }

    /** The median of {@code v} (mean of the middle two for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? 0 : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The q-quantile (0..1) of {@code v}, nearest rank. */
    public static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }
}
