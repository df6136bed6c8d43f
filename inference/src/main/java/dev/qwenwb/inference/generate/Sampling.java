package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.model.GenerationConfig;

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
 */
public record Sampling(Boolean greedy, Double temperature, Double topP, Integer topK, Double repetitionPenalty,
                       Long seed) {

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
        return new Sampling(greedy, temperature, topP, topK, repetitionPenalty, s);
    }

    /**
     * The parameters to sample with: the overrides over {@code defaults}.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public SamplingParams resolve(GenerationConfig defaults) {
        long s = seed != null ? seed : System.nanoTime();
        if (Boolean.TRUE.equals(greedy)) {
            return SamplingParams.greedyDecoding().withSeed(s)
                    .withRepetitionPenalty(repetitionPenalty != null ? repetitionPenalty : 1.0);
        }
        return SamplingParams.overriding(defaults, temperature, topP, topK, repetitionPenalty, s);
    }
}
