package dev.qwenwb.app.ui.store;

import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;

/**
 * Per-conversation generation settings; a null field means "model default" (from generation_config.json).
 *
 * @param systemPrompt      system message, null for the template's default
 * @param temperature       sampling temperature (0 = greedy)
 * @param topP              nucleus sampling threshold
 * @param topK              top-k (0 = off)
 * @param repetitionPenalty repetition penalty
 * @param maxTokens         most new tokens per reply
 * @param seed              sampling seed (null: a new one each reply)
 */
public record ConversationSettings(String systemPrompt, Double temperature, Double topP, Integer topK,
                                   Double repetitionPenalty, Integer maxTokens, Long seed) {

    /** Every value the model's default. */
    public static ConversationSettings defaults() {
        return new ConversationSettings(null, null, null, null, null, null, null);
    }

    /** @return the sampling these settings ask for (null fields: the model's defaults; no seed: a new one) */
    public Sampling sampling() {
        return new Sampling(null, temperature, topP, topK, repetitionPenalty, seed);
    }

    /** @return the reply length these settings ask for (none: the model's default) */
    public Limits limits() {
        return Limits.maxTokens(maxTokens != null && maxTokens > 0 ? maxTokens : 0);
    }
}
