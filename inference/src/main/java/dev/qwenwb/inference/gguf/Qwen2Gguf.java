package dev.qwenwb.inference.gguf;

import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.ModelLoadException;
import java.nio.file.Path;
import dev.qwenwb.inference.util.Printable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code qwen2} GGUF says about its model, checked in Java against what llama.cpp's qwen2 loader and graph
 * expect, so that llama.cpp never meets a file its assertions would abort the process on: architecture
 * {@code qwen2}, the hyperparameters ({@code qwen2.*}), a BPE vocabulary, and every tensor with its shape.
 *
 * @param config            the hyperparameters in the shape the DJL engine uses ({@code tieWordEmbeddings}: no
 *                          {@code output.weight}; {@code torchDtype}: the file type, e.g. {@code q8_0})
 * @param fileType          e.g. {@code q8_0}, {@code f16}, {@code q4_k_m}
 * @param chatTemplate      {@code tokenizer.chat_template}, if the file has one
 * @param eosId             {@code tokenizer.ggml.eos_token_id}, -1 if absent
 * @param bosId             {@code tokenizer.ggml.bos_token_id}, -1 if absent
 * @param controlTokens     ids whose {@code tokenizer.ggml.token_type} is control or user-defined (candidates for
 *                          end-of-generation tokens)
 * @param weightBytes       bytes of all tensors
 * @param weightBytesPerToken bytes one decode step reads (all matrices; the embedding once, as the output layer when
 *                          tied)
 */
public record Qwen2Gguf(ModelConfig config, String fileType, Optional<String> chatTemplate, int eosId, int bosId,
                        int[] controlTokens, long weightBytes, long weightBytesPerToken) {

    /** The only architecture this engine runs. */
    public static final String ARCHITECTURE = "qwen2";
    private static final int TOKEN_TYPE_CONTROL = 3;
    private static final int TOKEN_TYPE_USER_DEFINED = 4;
    private static final Map<Long, String> FILE_TYPES = Map.ofEntries(Map.entry(0L, "f32"), Map.entry(1L, "f16"),
            Map.entry(2L, "q4_0"), Map.entry(3L, "q4_1"), Map.entry(7L, "q8_0"), Map.entry(8L, "q5_0"),
            Map.entry(9L, "q5_1"), Map.entry(10L, "q2_k"), Map.entry(11L, "q3_k_s"), Map.entry(12L, "q3_k_m"),
            Map.entry(13L, "q3_k_l"), Map.entry(14L, "q4_k_s"), Map.entry(15L, "q4_k_m"), Map.entry(16L, "q5_k_s"),
            Map.entry(17L, "q5_k_m"), Map.entry(18L, "q6_k"), Map.entry(32L, "bf16"));

    public Qwen2Gguf {
        controlTokens = controlTokens.clone();
    }

    @Override
    public int[] controlTokens() {
        return controlTokens.clone();
    }

    /**
     * Checks {@code gguf} as a qwen2 model.
     *
     * @throws ModelLoadException naming the file and the first problem found
     */
    public static Qwen2Gguf check(GgufFile gguf) {
        Path file = gguf.path();
        if (gguf.type("general.architecture") >= 0 && gguf.string("general.architecture").isEmpty()) {
            throw new ModelLoadException(file, "general.architecture is " + gguf.describe("general.architecture")
                    + ", expected a string such as 'qwen2'");
        }
        String arch = gguf.string("general.architecture").orElseThrow(() -> new ModelLoadException(file,
                "general.architecture is missing: not a llama.cpp model file"));
        if (!arch.equals(ARCHITECTURE)) {
            throw new ModelLoadException(file, "architecture " + Printable.quote(arch) + " is not supported: this"
                    + " engine runs qwen2 (Qwen2 / Qwen2.5) GGUF files");
        }
        LlamaCppMetadata.check(gguf);
        String p = ARCHITECTURE + ".";
        int hidden = positive(gguf, p + "embedding_length");
        int layers = positive(gguf, p + "block_count");
        int ffn = positive(gguf, p + "feed_forward_length");
        int heads = positive(gguf, p + "attention.head_count");
        int kvHeads = (int) gguf.integer(p + "attention.head_count_kv", heads);
        int context = positive(gguf, p + "context_length");
        double eps = gguf.number(p + "attention.layer_norm_rms_epsilon", Double.NaN);
        double theta = gguf.number(p + "rope.freq_base", 10_000.0);
        if (Double.isNaN(eps)) {
            throw new ModelLoadException(file, "metadata key " + p + "attention.layer_norm_rms_epsilon is missing");
        }
        if (kvHeads <= 0 || hidden % heads != 0 || heads % kvHeads != 0) {
            throw new ModelLoadException(file, "inconsistent attention: embedding_length " + hidden + ", head_count "
                    + heads + ", head_count_kv " + kvHeads + " (the width must divide into heads, heads into KV heads)");
        }
        int headDim = hidden / heads;
        long rot = gguf.integer(p + "rope.dimension_count", headDim);
        if (rot != headDim) {
            throw new ModelLoadException(file, p + "rope.dimension_count is " + rot + ", but qwen2 rotates whole heads of "
                    + headDim);
        }
        String tokenizer = gguf.string("tokenizer.ggml.model").orElse("");
        if (!tokenizer.equals("gpt2")) {
            throw new ModelLoadException(file, "tokenizer.ggml.model is " + Printable.quote(tokenizer) + ", expected"
                    + " 'gpt2' (the byte-level BPE of Qwen)");
        }
        GgufArray tokens = gguf.array("tokenizer.ggml.tokens").orElseThrow(() -> new ModelLoadException(file,
                "tokenizer.ggml.tokens is missing: the file has no vocabulary"));
        int vocab = (int) tokens.length();
        if (vocab <= 0) {
            throw new ModelLoadException(file, "tokenizer.ggml.tokens is empty");
        }
        int eos = (int) gguf.integer("tokenizer.ggml.eos_token_id", -1);
        int bos = (int) gguf.integer("tokenizer.ggml.bos_token_id", -1);
        for (var e : Map.of("eos", eos, "bos", bos).entrySet()) {
            if (e.getValue() >= vocab) {
                throw new ModelLoadException(file, "tokenizer.ggml." + e.getKey() + "_token_id " + e.getValue()
                        + " is outside the vocabulary of " + vocab);
            }
        }
        int kv = kvHeads * headDim;
        List<String> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        expect(gguf, known, "token_embd.weight", problems, hidden, vocab);
        expect(gguf, known, "output_norm.weight", problems, hidden);
        boolean tied = gguf.tensor("output.weight").isEmpty();
        if (!tied) {
            expect(gguf, known, "output.weight", problems, hidden, vocab);
        }
        for (int l = 0; l < layers; l++) {
            String b = "blk." + l + ".";
            expect(gguf, known, b + "attn_norm.weight", problems, hidden);
            if (gguf.tensor(b + "attn_qkv.weight").isPresent()) {
                expect(gguf, known, b + "attn_qkv.weight", problems, hidden, hidden + 2L * kv);
                if (gguf.tensor(b + "attn_qkv.bias").isPresent()) {
                    expect(gguf, known, b + "attn_qkv.bias", problems, hidden + 2L * kv);
                }
            } else {
                expect(gguf, known, b + "attn_q.weight", problems, hidden, hidden);
                expect(gguf, known, b + "attn_k.weight", problems, hidden, kv);
                expect(gguf, known, b + "attn_v.weight", problems, hidden, kv);
                expect(gguf, known, b + "attn_q.bias", problems, hidden);
                expect(gguf, known, b + "attn_k.bias", problems, kv);
                expect(gguf, known, b + "attn_v.bias", problems, kv);
            }
            expect(gguf, known, b + "attn_output.weight", problems, hidden, hidden);
            expect(gguf, known, b + "ffn_norm.weight", problems, hidden);
            expect(gguf, known, b + "ffn_gate.weight", problems, hidden, ffn);
            expect(gguf, known, b + "ffn_up.weight", problems, hidden, ffn);
            expect(gguf, known, b + "ffn_down.weight", problems, ffn, hidden);
            if (!problems.isEmpty()) {
                break;
            }
        }
        if (problems.isEmpty()) { // llama.cpp counts the tensors it took and refuses a file with more
            gguf.tensors().stream().map(GgufTensor::name).filter(n -> !known.contains(n)).findFirst()
                    .ifPresent(n -> problems.add("tensor " + n + " is not part of a qwen2 model of " + layers
                            + " layers (llama.cpp refuses files with tensors it does not use)"));
        }
        if (!problems.isEmpty()) {
            throw new ModelLoadException(file, problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more)" : "") + "; the shapes follow from " + p + "embedding_length " + hidden
                    + ", feed_forward_length " + ffn + ", head_count " + heads + "/" + kvHeads + " and a vocabulary of "
                    + vocab);
        }
        String fileType = fileType(gguf);
        ModelConfig config;
        try {
            config = new ModelConfig(ModelConfig.QWEN2, hidden, ffn, layers, heads, kvHeads, vocab, context, eps,
                    theta, tied, fileType, eos >= 0 ? List.of(eos) : List.of());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        }
        long all = gguf.tensorBytes();
        long embedding = gguf.tensor("token_embd.weight").orElseThrow().bytes();
        long perToken = tied ? all : all - embedding + embedding / vocab;
        return new Qwen2Gguf(config, fileType, gguf.string("tokenizer.chat_template"), eos, bos,
                controlTokens(gguf), all, perToken);
    }

    private static int positive(GgufFile gguf, String key) {
        long v = gguf.integer(key);
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new ModelLoadException(gguf.path(), "metadata key " + key + " is " + v + ", expected a positive"
                    + " 32-bit integer");
        }
        return (int) v;
    }

    private static void expect(GgufFile gguf, Set<String> known, String name, List<String> problems, long... dims) {
        known.add(name);
        Optional<GgufTensor> t = gguf.tensor(name);
        if (t.isEmpty()) {
            problems.add("tensor " + name + " is missing");
        } else if (!t.get().hasDims(dims)) {
            problems.add("tensor " + name + " has dims " + java.util.Arrays.toString(t.get().dims()) + ", expected "
                    + java.util.Arrays.toString(dims));
        }
    }

    private static String fileType(GgufFile gguf) {
        Object ft = gguf.metadata().get("general.file_type");
        if (ft instanceof Long l) {
            return FILE_TYPES.getOrDefault(l, "ftype " + l);
        }
        // no general.file_type: name the type of the first layer's first matrix
        return gguf.tensors().stream().filter(t -> t.dims().length == 2 && !t.name().startsWith("token_embd"))
                .findFirst().map(t -> t.type().label()).orElse("?");
    }

    private static int[] controlTokens(GgufFile gguf) {
        int[] types = gguf.array("tokenizer.ggml.token_type").map(GgufArray::ints).orElse(null);
        if (types == null) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, types.length)
                .filter(i -> types[i] == TOKEN_TYPE_CONTROL || types[i] == TOKEN_TYPE_USER_DEFINED).toArray();
    }
}
