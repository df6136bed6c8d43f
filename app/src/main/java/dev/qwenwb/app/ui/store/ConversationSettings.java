package dev.qwenwb.app.ui.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.grammar.ResponseFormat;

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
 * @param responseFormat    {@code json_object} or {@code json_schema}; null (or {@code text}): plain text
 * @param jsonSchema        the schema as JSON text, for {@code json_schema}
 */
public record ConversationSettings(String systemPrompt, Double temperature, Double topP, Integer topK,
                                   Double repetitionPenalty, Integer maxTokens, Long seed, String responseFormat,
                                   String jsonSchema) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings whose replies are plain text. */
    public ConversationSettings(String systemPrompt, Double temperature, Double topP, Integer topK,
                                Double repetitionPenalty, Integer maxTokens, Long seed) {
        this(systemPrompt, temperature, topP, topK, repetitionPenalty, maxTokens, seed, null, null);
    }

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

    /**
     * The JSON output these settings ask for, as a request's constraint: a local model decodes under its grammar,
     * a remote endpoint is sent it as {@code response_format}.
     *
     * @return the format, or null for plain text
     * @throws IllegalArgumentException for a schema that is not JSON or that the grammar cannot take (the dialog
     *                                  refuses both, so only a hand-edited conversation file gets here)
     */
    public ResponseFormat format() {
        if ("json_object".equals(responseFormat)) {
            return ResponseFormat.jsonObject();
        }
        if (!"json_schema".equals(responseFormat)) {
            return null;
        }
        try {
            return ResponseFormat.jsonSchema(JSON.readTree(jsonSchema == null ? "" : jsonSchema));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the conversation's JSON schema is not JSON: " + e.getOriginalMessage());
        }
    }
}
