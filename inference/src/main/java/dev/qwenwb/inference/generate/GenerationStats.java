package dev.qwenwb.inference.generate;

import java.util.Arrays;

/**
 * What one generation measured.
 *
 * @param loadMs              time the model took to load (same for every generation of a model)
 * @param promptTokens        tokens in the prompt
 * @param cachedPromptTokens  of those, served from the session's KV cache
 * @param ttftMs              request start to the first sampled token (prefill + one sample)
 * @param prefillTokensPerS   prompt tokens actually run / prefill time
 * @param tokenLatenciesMs    per generated token: time since the previous one (the first is the TTFT)
 * @param decodeTokensPerS    (generated - 1) / time from first to last token; 0 with fewer than 2 tokens
 * @param totalMs             request start to finish
 * @param peakRssMb           peak resident memory of the process so far (-1 where unknown)
 * @param gpuMemoryMb         device memory in use on CUDA, -1 on the CPU
 */
public record GenerationStats(long loadMs, int promptTokens, int cachedPromptTokens, double ttftMs,
                              double prefillTokensPerS, double[] tokenLatenciesMs, double decodeTokensPerS,
                              double totalMs, long peakRssMb, long gpuMemoryMb) {

    public int generatedTokens() {
        return tokenLatenciesMs.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationStats s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "GenerationStats[load=" + loadMs + "ms, prompt=" + promptTokens + " (cached " + cachedPromptTokens
                + "), ttft=" + ttftMs + "ms, prefill=" + prefillTokensPerS + " tok/s, decode=" + decodeTokensPerS
                + " tok/s, tokens=" + Arrays.toString(tokenLatenciesMs) + ", total=" + totalMs + "ms, rss="
                + peakRssMb + "MB, gpu=" + gpuMemoryMb + "MB]";
    }
}
