package dev.qwenwb.inference.generate;

/**
 * A finished generation.
 *
 * @param text         the generated text (special tokens skipped, cut before a stop string)
 * @param tokenIds     the generated ids, an end-of-sequence id included when one ended it (empty where the engine
 *                     does not know ids)
 * @param finishReason why it stopped
 * @param stats        timings and memory
 * @param sampling     the sampling parameters used (the seed drawn included)
 * @param promptText   the exact prompt text sent to the model
 */
public record GenerationResult(String text, int[] tokenIds, FinishReason finishReason, GenerationStats stats,
                               SamplingParams sampling, String promptText) {
}
