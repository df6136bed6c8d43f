package dev.qwenwb.inference.bench;

import dev.qwenwb.inference.generate.DevicePlacement;
import dev.qwenwb.inference.util.Percentiles;
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
 * @param dtypeReason           why that precision (asked for, or what the probe measured)
 * @param placement             device, layers on it and why, where the engine reports it (GGUF); null if not
 */
public record BenchReport(String model, String device, String dtype, int threads, BenchConfig config,
                          List<BenchRun> runs, long weightBytesPerToken, double triadGbPerS, String dtypeReason,
                          DevicePlacement placement) {

    /** A report without a placement (engines that do not report one). */
    public BenchReport(String model, String device, String dtype, int threads, BenchConfig config,
                       List<BenchRun> runs, long weightBytesPerToken, double triadGbPerS, String dtypeReason) {
        this(model, device, dtype, threads, config, runs, weightBytesPerToken, triadGbPerS, dtypeReason, null);
    }

    public BenchRun median() {
        return new BenchRun(med(BenchRun::loadS), med(BenchRun::ttftMs), med(BenchRun::prefillTokensPerS),
                med(BenchRun::decodeTokensPerS), med(BenchRun::itlP50Ms), med(BenchRun::itlP99Ms),
                (long) med(r -> r.peakRssMb()), (long) med(r -> r.gpuMemoryMb()));
    }

    /** @return this report with the bandwidth yardstick measured separately */
    public BenchReport withTriad(double gbPerS) {
        return new BenchReport(model, device, dtype, threads, config, runs, weightBytesPerToken, gbPerS, dtypeReason,
                placement);
    }

    /** Weight bytes per token × median decode tokens/s, in GB/s (10⁹ bytes). */
    public double effectiveGbPerS() {
        return weightBytesPerToken * median().decodeTokensPerS() / 1e9;
    }

    /** The decode rate the measured bandwidth allows, or 0 when not measured. */
    public double boundTokensPerS() {
        return triadGbPerS <= 0 || weightBytesPerToken <= 0 ? 0 : triadGbPerS * 1e9 / weightBytesPerToken;
    }

    private double med(ToDoubleFunction<BenchRun> f) {
        double m = Percentiles.of(runs.stream().mapToDouble(f).toArray(), 50);
        return Double.isNaN(m) ? 0 : m;
    }
}
