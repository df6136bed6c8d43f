package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.model.GenerationConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the next token is chosen from the logits, with Hugging Face transformers' meaning for each
 * field.
 *
 * @param greedy always take the most likely token (argmax); the other fields but
 *     {@code repetitionPenalty} are then ignored. A {@code temperature} of 0 means greedy too.
 * @param temperature logits are divided by it before sampling; {@code >= 0}
 * @param topP nucleus sampling: keep the most likely tokens whose probabilities add up to at least
 *     this; in (0, 1], 1 = off
 * @param topK keep only the k most likely tokens; {@code >= 0}, 0 = off
 * @param repetitionPenalty every token already in the context has its logit divided by this (if
 *     positive) or multiplied by it (if negative); {@code > 0}, 1 = off
 * @param seed seed of the random generator; the same seed draws the same tokens
 * @param presencePenalty OpenAI's: subtracted once from the logit of every token the generation already produced;
 *     in [-2, 2], 0 = off
 * @param frequencyPenalty OpenAI's: subtracted from a token's logit once per time the generation produced it;
 *     in [-2, 2], 0 = off
 * @param logitBias OpenAI's {@code logit_bias}: added to the logit of each token id, each in [-100, 100]; empty = off
 * @param topLogprobs report the chosen token's log-probability and this many most likely alternatives at each step;
 *     -1 = off, 0 = the chosen token's only, at most {@value #MAX_TOP_LOGPROBS}
 */
public record SamplingParams(
        boolean greedy, double temperature, double topP, int topK, double repetitionPenalty, long seed,
        double presencePenalty, double frequencyPenalty, Map<Integer, Double> logitBias, int topLogprobs) {

    /** The most alternatives a step reports (OpenAI's limit for {@code top_logprobs}). */
    public static final int MAX_TOP_LOGPROBS = 20;

    /** Checks the ranges above. */
    public SamplingParams {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0 and finite: " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = off): " + topK);
        }
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetitionPenalty must be > 0 and finite: " + repetitionPenalty);
        }
        if (!(presencePenalty >= -2 && presencePenalty <= 2)) {
            throw new IllegalArgumentException("presencePenalty must be in [-2, 2]: " + presencePenalty);
        }
        if (!(frequencyPenalty >= -2 && frequencyPenalty <= 2)) {
            throw new IllegalArgumentException("frequencyPenalty must be in [-2, 2]: " + frequencyPenalty);
        }
        logitBias = logitBias == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(logitBias));
        for (Map.Entry<Integer, Double> e : logitBias.entrySet()) {
            if (e.getKey() == null || e.getKey() < 0) {
                throw new IllegalArgumentException("logitBias: token id " + e.getKey() + " is not a token id (>= 0)");
            }
            if (e.getValue() == null || !(e.getValue() >= -100 && e.getValue() <= 100)) {
                throw new IllegalArgumentException("logitBias: the bias of token " + e.getKey() + " must be in "
                        + "[-100, 100]: " + e.getValue());
            }
        }
        if (topLogprobs < -1 || topLogprobs > MAX_TOP_LOGPROBS) {
            throw new IllegalArgumentException("topLogprobs must be -1 (off) or in [0, " + MAX_TOP_LOGPROBS + "]: "
                    + topLogprobs);
        }
    }

    /** Parameters without OpenAI's penalties, bias or log-probabilities. */
    public SamplingParams(boolean greedy, double temperature, double topP, int topK, double repetitionPenalty,
                          long seed) {
        this(greedy, temperature, topP, topK, repetitionPenalty, seed, 0, 0, Map.of(), -1);
    }

    /**
     * Argmax decoding: greedy, temperature 0, no top-k/top-p, repetition penalty 1, seed 0. (Not
     * named {@code greedy()}: a record cannot have a static method with its accessor's signature.)
     *
     * @return the parameters
     */
    public static SamplingParams greedyDecoding() {
        return new SamplingParams(true, 0.0, 1.0, 0, 1.0, 0L);
    }

    /**
     * Random sampling with the given settings and no repetition penalty.
     *
     * @param temperature logits divisor, {@code > 0} to sample
     * @param topP nucleus mass, 1 = off
     * @param topK candidates kept, 0 = off
     * @param seed random seed
     * @return the parameters
     */
    public static SamplingParams sampling(double temperature, double topP, int topK, long seed) {
        return new SamplingParams(false, temperature, topP, topK, 1.0, seed);
    }

    /**
     * The model's {@code generation_config.json} defaults with the caller's overrides ({@code null} = the default).
     * An explicit temperature {@code <= 0}, or {@code do_sample: false} with no temperature given, decodes greedily
     * (keeping the repetition penalty).
     *
     * @return the parameters
     */
    public static SamplingParams overriding(GenerationConfig defaults, Double temperature, Double topP, Integer topK,
                                            Double repetitionPenalty, long seed) {
        double penalty = repetitionPenalty != null ? repetitionPenalty : defaults.repetitionPenalty();
        boolean greedy = temperature == null ? !defaults.doSample() : temperature <= 0;
        if (greedy) {
            return greedyDecoding().withRepetitionPenalty(penalty).withSeed(seed);
        }
        return new SamplingParams(false, temperature != null ? temperature : defaults.temperature(),
                topP != null ? topP : defaults.topP(), topK != null ? topK : defaults.topK(), penalty, seed);
    }

    /** @return whether the token is the argmax: {@code greedy} or a temperature of 0 */
    public boolean isArgmax() {
        return greedy || temperature <= 0;
    }

    /** @return a copy with {@code greedy} changed */
    public SamplingParams withGreedy(boolean g) {
        return new SamplingParams(g, temperature, topP, topK, repetitionPenalty, seed, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with {@code temperature} changed (this does not turn {@code greedy} off) */
    public SamplingParams withTemperature(double t) {
        return new SamplingParams(greedy, t, topP, topK, repetitionPenalty, seed, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with {@code topP} changed */
    public SamplingParams withTopP(double p) {
        return new SamplingParams(greedy, temperature, p, topK, repetitionPenalty, seed, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with {@code topK} changed */
    public SamplingParams withTopK(int k) {
        return new SamplingParams(greedy, temperature, topP, k, repetitionPenalty, seed, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with {@code repetitionPenalty} changed */
    public SamplingParams withRepetitionPenalty(double penalty) {
        return new SamplingParams(greedy, temperature, topP, topK, penalty, seed, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with {@code seed} changed */
    public SamplingParams withSeed(long s) {
        return new SamplingParams(greedy, temperature, topP, topK, repetitionPenalty, s, presencePenalty,
                frequencyPenalty, logitBias, topLogprobs);
    }

    /** @return a copy with OpenAI's presence and frequency penalties */
    public SamplingParams withPenalties(double presence, double frequency) {
        return new SamplingParams(greedy, temperature, topP, topK, repetitionPenalty, seed, presence,
                frequency, logitBias, topLogprobs);
    }

    /** @return a copy with this logit bias */
    public SamplingParams withLogitBias(Map<Integer, Double> bias) {
        return new SamplingParams(greedy, temperature, topP, topK, repetitionPenalty, seed, presencePenalty,
                frequencyPenalty, bias, topLogprobs);
    }

    /** @return a copy that reports log-probabilities with {@code n} alternatives (-1 = off) */
    public SamplingParams withTopLogprobs(int n) {
        return new SamplingParams(greedy, temperature, topP, topK, repetitionPenalty, seed, presencePenalty,
                frequencyPenalty, logitBias, n);
    }
}
