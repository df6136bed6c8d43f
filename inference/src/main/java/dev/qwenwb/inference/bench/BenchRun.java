package dev.qwenwb.inference.bench;

/**
 * The figures of one run.
 *
 * @param loadS               model load, seconds (folder validation, weights to the device, tokenizer)
 * @param ttftMs              prefill of the prompt plus the first sampled token
 * @param prefillTokensPerS   prompt tokens / prefill time
 * @param decodeTokensPerS    tokens after the first / their time
 * @param itlP50Ms            median inter-token latency
 * @param itlP99Ms            99th percentile inter-token latency
 * @param peakRssMb           peak resident memory of the process so far
 * @param gpuMemoryMb         GPU memory in use (-1 on the CPU)
 */
public record BenchRun(double loadS, double ttftMs, double prefillTokensPerS, double decodeTokensPerS,
                       double itlP50Ms, double itlP99Ms, long peakRssMb, long gpuMemoryMb) {
}
