package dev.qwenwb.inference.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a Hugging Face {@code config.json} a Qwen2 forward pass needs.
 *
 * @param architecture          e.g. {@code Qwen2ForCausalLM}
 * @param hiddenSize            H, model width
 * @param intermediateSize      I, MLP width
 * @param numHiddenLayers       L, decoder layers
 * @param numAttentionHeads     query heads
 * @param numKeyValueHeads      KV heads (grouped-query attention)
 * @param vocabSize             V, rows of the embedding
 * @param maxPositionEmbeddings longest context the model was trained for
 * @param rmsNormEps            RMSNorm epsilon
 * @param ropeTheta             RoPE base
 * @param tieWordEmbeddings     whether {@code lm_head} reuses the embedding matrix
 * @param torchDtype            the checkpoint's declared dtype ({@code bfloat16}, ...), may be null
 * @param eosTokenIds           end-of-sequence ids (possibly empty)
 */
public record ModelConfig(String architecture, int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int numKeyValueHeads, int vocabSize, int maxPositionEmbeddings,
        double rmsNormEps, double ropeTheta, boolean tieWordEmbeddings, String torchDtype,
        List<Integer> eosTokenIds) {

    /** The only architecture this project runs. */
    public static final String QWEN2 = "Qwen2ForCausalLM";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Checks sizes are positive and divisible as attention needs.
     *
     * @throws IllegalArgumentException saying which value is wrong
     */
    public ModelConfig {
        Objects.requireNonNull(architecture, "architecture");
        eosTokenIds = List.copyOf(eosTokenIds);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("vocab_size", vocabSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numAttentionHeads);
        }
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numAttentionHeads
                    + " is not divisible by num_key_value_heads " + numKeyValueHeads);
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new IllegalArgumentException("rms_norm_eps and rope_theta must be positive, found "
                    + rmsNormEps + " and " + ropeTheta);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, found " + v);
        }
    }

    /** @return D, the width of one attention head ({@code hiddenSize / numAttentionHeads}) */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /**
     * Reads and validates a {@code config.json}.
     *
     * @param configJson the file
     * @return the config
     * @throws ModelLoadException if missing, not JSON, not a {@value #QWEN2}, or with missing or
     *     inconsistent sizes
     */
    public static ModelConfig read(Path configJson) {
        JsonNode root;
        try {
            root = JSON.readTree(configJson.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ModelLoadException(configJson, "config.json not found; a Hugging Face model folder needs one", e);
        } catch (JsonProcessingException e) {
            throw ModelLoadException.invalidJson(configJson, e);
        } catch (IOException e) {
            throw new ModelLoadException(configJson, "cannot read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(configJson, "expected a JSON object");
        }
        List<String> archs = new ArrayList<>();
        root.path("architectures").forEach(a -> archs.add(a.asText()));
        if (!archs.contains(QWEN2)) {
            throw new ModelLoadException(configJson, "unsupported architecture "
                    + (archs.isEmpty() ? "(no \"architectures\" given)" : archs)
                    + "; supported: " + QWEN2);
        }
        int heads = requiredInt(configJson, root, "num_attention_heads");
        try {
            return new ModelConfig(QWEN2,
                    requiredInt(configJson, root, "hidden_size"),
                    requiredInt(configJson, root, "intermediate_size"),
                    requiredInt(configJson, root, "num_hidden_layers"),
                    heads,
                    root.has("num_key_value_heads") ? requiredInt(configJson, root, "num_key_value_heads") : heads,
                    requiredInt(configJson, root, "vocab_size"),
                    requiredInt(configJson, root, "max_position_embeddings"),
                    root.path("rms_norm_eps").asDouble(1e-6),
                    root.path("rope_theta").asDouble(10000.0),
                    root.path("tie_word_embeddings").asBoolean(false),
                    root.hasNonNull("torch_dtype") ? root.get("torch_dtype").asText()
                            : root.hasNonNull("dtype") ? root.get("dtype").asText() : null,
                    tokenIds(root.get("eos_token_id")));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(configJson, e.getMessage(), e);
        }
    }

    private static int requiredInt(Path file, JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            throw new ModelLoadException(file, "\"" + key + "\" must be a positive integer, found "
                    + (n == null ? "nothing" : n.toString()));
        }
        return n.asInt();
    }

    /** Reads a token id given as an int, a list of ints, or absent/null (empty list). */
    static List<Integer> tokenIds(JsonNode n) {
        List<Integer> ids = new ArrayList<>();
        if (n == null || n.isNull()) {
            return ids;
        }
        if (n.isArray()) {
            n.forEach(x -> ids.add(x.asInt()));
        } else {
            ids.add(n.asInt());
        }
        return ids;
    }

    /** @return a Hugging Face style {@code config.json} for this config (model_type qwen2, SiLU) */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(architecture);
        o.put("attention_dropout", 0.0);
        if (!eosTokenIds.isEmpty()) {
            if (eosTokenIds.size() == 1) {
                o.put("eos_token_id", eosTokenIds.get(0));
            } else {
                eosTokenIds.forEach(o.putArray("eos_token_id")::add);
            }
        }
        o.put("hidden_act", "silu");
        o.put("hidden_size", hiddenSize);
        o.put("initializer_range", 0.02);
        o.put("intermediate_size", intermediateSize);
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("max_window_layers", numHiddenLayers);
        o.put("model_type", "qwen2");
        o.put("num_attention_heads", numAttentionHeads);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("num_key_value_heads", numKeyValueHeads);
        o.put("rms_norm_eps", rmsNormEps);
        o.put("rope_theta", ropeTheta);
        o.put("sliding_window", maxPositionEmbeddings);
        o.put("tie_word_embeddings", tieWordEmbeddings);
        if (torchDtype != null) {
            o.put("torch_dtype", torchDtype);
        }
        o.put("use_cache", true);
        o.put("use_sliding_window", false);
        o.put("vocab_size", vocabSize);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
