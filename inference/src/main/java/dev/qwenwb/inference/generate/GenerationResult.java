package dev.qwenwb.inference.generate;

import java.util.List;

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
 * @param logprobs     per generated token, its log-probability and alternatives, where the sampling asked for them
 *                     ({@link SamplingParams#topLogprobs()} &ge; 0); else empty
 */
public record GenerationResult(String text, int[] tokenIds, FinishReason finishReason, GenerationStats stats,
                               SamplingParams sampling, String promptText, List<TokenLogprob> logprobs) {

    public GenerationResult {
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /** A result without log-probabilities. */
    public GenerationResult(String text, int[] tokenIds, FinishReason finishReason, GenerationStats stats,
                            SamplingParams sampling, String promptText) {
        this(text, tokenIds, finishReason, stats, sampling, promptText, List.of());
    }
}
