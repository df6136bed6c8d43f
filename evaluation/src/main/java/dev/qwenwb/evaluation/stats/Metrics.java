package dev.qwenwb.evaluation.stats;

import dev.qwenwb.inference.util.Percentiles;

/**
 * What one generation measured, in the units reports use. Replayed answers carry {@link #NONE}: no timing.
 *
 * @param promptTokens tokens in the prompt (-1 unknown)
 * @param outputTokens generated tokens (-1 unknown)
 * @param ttftMs time to first token
 * @param prefillTokensPerS prompt tokens per second of prefill
 * @param decodeTokensPerS generated tokens per second after the first
 * @param itlP50Ms inter-token latency, median (tokens after the first)
 * @param itlP90Ms inter-token latency, 90th percentile
 * @param itlP99Ms inter-token latency, 99th percentile
 * @param e2eMs request start to finish
 * @param peakMemoryMb peak resident memory of the process (or device memory on a GPU), -1 unknown
 * @param loadMs model load time, -1 unknown
 * @param finishReason why generation stopped ({@code eos}, {@code max_tokens}, …, {@code replay})
 */
public record Metrics(int promptTokens, int outputTokens, double ttftMs, double prefillTokensPerS,
                      double decodeTokensPerS, double itlP50Ms, double itlP90Ms, double itlP99Ms, double e2eMs,
                      long peakMemoryMb, long loadMs, String finishReason) {

    /** No measurement (a replayed answer). */
    public static final Metrics NONE = new Metrics(-1, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, -1, -1, "replay");

    /** @return whether timings were measured */
    public boolean timed() {
        return !Double.isNaN(e2eMs);
    }

    /**
     * Builds metrics from per-token latencies (the first is the TTFT).
     *
     * @return the metrics, percentiles over the latencies after the first token
     */
    public static Metrics of(int promptTokens, double[] tokenLatenciesMs, double prefillTokensPerS,
                             double decodeTokensPerS, double e2eMs, long peakMemoryMb, long loadMs,
                             String finishReason) {
        double ttft = tokenLatenciesMs.length > 0 ? tokenLatenciesMs[0] : e2eMs;
        double[] itl = new double[Math.max(0, tokenLatenciesMs.length - 1)];
        System.arraycopy(tokenLatenciesMs, Math.min(1, tokenLatenciesMs.length), itl, 0, itl.length);
        return new Metrics(promptTokens, tokenLatenciesMs.length, ttft, prefillTokensPerS, decodeTokensPerS,
                Percentiles.of(itl, 50), Percentiles.of(itl, 90), Percentiles.of(itl, 99), e2eMs, peakMemoryMb,
                loadMs, finishReason);
    }
}
