package dev.qwenwb.evaluation.suite;

/**
 * A figure a source claims, to set beside what a run measures.
 *
 * @param id short id, e.g. {@code decode-speed}
 * @param label what it is, in words
 * @param metric the measured metric it compares with: {@code load_ms}, {@code ttft_ms},
 *               {@code decode_tokens_per_s}, {@code peak_memory_mb} or {@code pass_rate}
 * @param value the claimed value, in the metric's unit
 * @param claimed the claim as the source words it, e.g. {@code ~80ms (prompt=50tokens)}
 * @param note conditions of the claim (hardware, prompt length), may be empty
 */
public record Claim(String id, String label, String metric, double value, String claimed, String note) {
}
