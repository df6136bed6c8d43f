package dev.qwenwb.inference.generate;

/**
 * A finished generation.
 *
 * @param text         the generated text (special tokens skipped, cut before a stop string)
 * @param tokenIds     the generated ids, an end-of-sequence id included when one ended it
 * @param finishReason why it stopped
 * @param stats        timings and memory
 */
public record GenerationResult(String text, int[] tokenIds, FinishReason finishReason, GenerationStats stats) {
}
