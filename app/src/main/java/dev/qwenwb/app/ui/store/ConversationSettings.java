package dev.qwenwb.app.ui.store;

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
}
