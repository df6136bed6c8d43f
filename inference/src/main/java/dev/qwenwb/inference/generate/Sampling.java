package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.model.GenerationConfig;
import java.util.Map;

/**
 * How a caller wants tokens chosen; a {@code null} field means "the model's default" (its
 * {@code generation_config.json}), resolved by {@link #resolve(GenerationConfig)}.
 *
 * @param greedy            true: plain argmax, with no repetition penalty unless one is given (the other fields are
 *                          ignored); false or null: sample as the other fields and the model's defaults say
 * @param temperature       {@code >= 0}; 0 decodes greedily (keeping the repetition penalty)
 * @param topP              in (0, 1]
 * @param topK              {@code >= 0}, 0 = off
 * @param repetitionPenalty {@code > 0}, 1 = off
 * @param seed              the random seed; null draws one (reported in the result, so a run can be replayed)
 * @param presencePenalty   OpenAI's presence penalty in [-2, 2]; null = 0
 * @param frequencyPenalty  OpenAI's frequency penalty in [-2, 2]; null = 0
 * @param logitBias         OpenAI's {@code logit_bias} (token id → bias in [-100, 100]); null = none
 * @param topLogprobs       report log-probabilities with this many alternatives per token; null = off
 */
public record Sampling(Boolean greedy, Double temperature, Double topP, Integer topK, Double repetitionPenalty,
                       Long seed, Double presencePenalty, Double frequencyPenalty, Map<Integer, Double> logitBias,
                       Integer topLogprobs) {

    /** Overrides without OpenAI's penalties, bias or log-probabilities. */
    public Sampling(Boolean greedy, Double temperature, Double topP, Integer topK, Double repetitionPenalty,
                    Long seed) {
        this(greedy, temperature, topP, topK, repetitionPenalty, seed, null, null, null, null);
    }

    /** @return the model's own defaults, with a random seed */
    public static Sampling modelDefaults() {
        return new Sampling(null, null, null, null, null, null);
    }

    /** @return plain argmax decoding (seed 0, no repetition penalty) */
    public static Sampling argmax() {
        return new Sampling(true, null, null, null, null, 0L);
    }

    /** @return a copy with the seed set */
    public Sampling withSeed(Long s) {
        return new Sampling(greedy, temperature, topP, topK, repetitionPenalty, s, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with OpenAI's penalties, bias and log-probabilities (null = off) */
    public Sampling withOpenAi(Double presence, Double frequency, Map<Integer, Double> bias, Integer logprobs) {
        return new Sampling(greedy, temperature, topP, topK, repetitionPenalty, seed, presence, frequency, bias,
                logprobs);
    }

    /**
     * The parameters to sample with: the overrides over {@code defaults}.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public SamplingParams resolve(GenerationConfig defaults) {
        long s = seed != null ? seed : System.nanoTime();
        SamplingParams p = Boolean.TRUE.equals(greedy)
                ? SamplingParams.greedyDecoding().withSeed(s)
                        .withRepetitionPenalty(repetitionPenalty != null ? repetitionPenalty : 1.0)
                : SamplingParams.overriding(defaults, temperature, topP, topK, repetitionPenalty, s);
        return p.withPenalties(presencePenalty != null ? presencePenalty : 0,
                        frequencyPenalty != null ? frequencyPenalty : 0)
                .withLogitBias(logitBias).withTopLogprobs(topLogprobs != null ? topLogprobs : -1);
    }
}
