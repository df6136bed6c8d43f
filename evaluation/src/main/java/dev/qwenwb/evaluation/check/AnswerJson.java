package dev.qwenwb.evaluation.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The JSON an answer gives, as the {@code json-valid} and {@code json-schema} checks read it: a fenced {@code json}
 * block, else the whole answer.
 *
 * @param value   the parsed value, null when there is none
 * @param problem why there is none ({@code the answer is empty}, {@code not valid JSON: …}), null when there is one
 */
record AnswerJson(JsonNode value, String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AnswerJson of(Answer answer) {
        String text = CodeExtractor.extract(answer.text(), "json", List.of()).strip();
        if (text.isEmpty()) {
            return new AnswerJson(null, "the answer is empty");
        }
        try {
            return new AnswerJson(JSON.readTree(text), null);
        } catch (JsonProcessingException e) {
            return new AnswerJson(null, "not valid JSON: " + e.getOriginalMessage());
        }
    }
}
