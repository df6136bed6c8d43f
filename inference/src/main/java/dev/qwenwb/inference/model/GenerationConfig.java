package dev.qwenwb.inference.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Sampling defaults from a model's {@code generation_config.json}; Hugging Face's defaults where the
 * file or a field is absent.
 *
 * @param doSample          false: greedy decoding
 * @param temperature       softmax temperature (1 = none)
 * @param topP              nucleus threshold (1 = off)
 * @param topK              keep the k most likely tokens (0 = off)
 * @param repetitionPenalty CTRL-style penalty (1 = off)
 * @param eosTokenIds       ids that end generation
 * @param maxNewTokens      generation limit, null if the file gives none
 */
public record GenerationConfig(boolean doSample, double temperature, double topP, int topK,
        double repetitionPenalty, List<Integer> eosTokenIds, Integer maxNewTokens) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes the id list immutable. */
    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /**
     * @param model the model whose EOS ids to use
     * @return Hugging Face's defaults: greedy, temperature 1, top-p 1, top-k 50, no repetition penalty
     */
    public static GenerationConfig defaults(ModelConfig model) {
        return new GenerationConfig(false, 1.0, 1.0, 50, 1.0, model.eosTokenIds(), null);
    }

    /**
     * @param file     a {@code generation_config.json}; may not exist
     * @param fallback the model config, for EOS ids when the file gives none
     * @return the file's settings, or {@link #defaults(ModelConfig)} if it does not exist
     * @throws ModelLoadException if it exists but is not a JSON object
     */
    public static GenerationConfig read(Path file, ModelConfig fallback) {
        if (!Files.exists(file)) {
            return defaults(fallback);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw ModelLoadException.invalidJson(file, e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(file, "expected a JSON object");
        }
        GenerationConfig d = defaults(fallback);
        List<Integer> eos = ModelConfig.tokenIds(root.get("eos_token_id"));
        JsonNode sample = root.get("do_sample");
        if (sample != null && !sample.isNull() && !sample.isBoolean()) {
            throw new ModelLoadException(file, "do_sample is " + sample + ", expected true or false");
        }
        double maxNew = number(file, root, "max_new_tokens", 0, v -> v >= 1 && v <= Integer.MAX_VALUE
                && v == Math.rint(v), "a whole number >= 1");
        return new GenerationConfig(
                root.path("do_sample").asBoolean(d.doSample()),
                number(file, root, "temperature", d.temperature(), v -> v >= 0, "a number >= 0 (0 = greedy)"),
                number(file, root, "top_p", d.topP(), v -> v > 0 && v <= 1, "a number in (0, 1]"),
                (int) number(file, root, "top_k", d.topK(), v -> v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v),
                        "a whole number >= 0 (0 = off)"),
                number(file, root, "repetition_penalty", d.repetitionPenalty(), v -> v > 0, "a number > 0 (1 = off)"),
                eos.isEmpty() ? d.eosTokenIds() : eos,
                root.hasNonNull("max_new_tokens") ? (int) maxNew : null);
    }

    /** @return the number at {@code key}, {@code fallback} if absent or null; refused, naming the key, if out of range */
    private static double number(Path file, JsonNode root, String key, double fallback,
                                 java.util.function.DoublePredicate valid, String expected) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        double v = n.isNumber() ? n.asDouble() : Double.NaN;
        if (!Double.isFinite(v) || !valid.test(v)) {
            throw new ModelLoadException(file, key + " is " + n + ", expected " + expected);
        }
        return v;
    }

    /** @return a Hugging Face style {@code generation_config.json} */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("do_sample", doSample);
        eosTokenIds.forEach(o.putArray("eos_token_id")::add);
        if (maxNewTokens != null) {
            o.put("max_new_tokens", maxNewTokens);
        }
        o.put("repetition_penalty", repetitionPenalty);
        o.put("temperature", temperature);
        o.put("top_k", topK);
        o.put("top_p", topP);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
