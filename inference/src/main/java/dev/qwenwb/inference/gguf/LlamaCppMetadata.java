package dev.qwenwb.inference.gguf;

import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.util.Printable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata llama.cpp reads from a qwen2 GGUF, checked in Java with the types and values llama.cpp insists on. Its
 * readers are strict: {@code gguf_get_val_u32} and {@code gguf_get_arr_str} assert the stored type (a wrong one aborts
 * the process), its typed key reader throws on any other type (a load failure with only a log to say why), an unknown
 * {@code rope.scaling.type} trips an assertion, and values such as a negative rope scaling factor or an infinite
 * epsilon load and then produce garbage. Each problem is one line naming the key.
 */
final class LlamaCppMetadata {

    /** The pre-tokenizers the bundled llama.cpp (v0.4.0 of node-llama-cpp 3.21.1) knows. */
    static final Set<String> PRE_TOKENIZERS = Set.of("default", "llama3", "llama-v3", "llama-bpe", "falcon3",
            "falcon-h1", "pixtral", "midm-2.0", "lfm2", "deepseek-llm", "deepseek-coder", "deepseek-v3", "falcon",
            "mpt", "starcoder", "gpt-2", "phi-2", "jina-es", "jina-de", "jina-v1-en", "jina-v2-es", "jina-v2-de",
            "jina-v2-code", "a.x-4.0", "mellum", "refact", "command-r", "qwen2", "qwen35", "deepseek-r1-qwen",
            "stablelm2", "olmo", "dbrx", "smaug-bpe", "poro-chat", "glm4", "chatglm-bpe", "viking", "jais", "tekken",
            "smollm", "codeshell", "bloom", "gpt3-finnish", "exaone", "exaone4", "chameleon", "minerva-7b", "megrez",
            "gpt-4o", "llama4", "superbpe", "trillion", "granite-docling", "bailingmoe", "bailingmoe2", "seed-coder",
            "hunyuan", "hunyuan-dense", "kimi-k2", "grok-2", "afmoe", "minimax-m2");
    /** Values of {@code rope.scaling.type} llama.cpp knows (another one trips an assertion). */
    static final Set<String> ROPE_SCALING = Set.of("none", "linear", "yarn", "longrope");

    private static final String ARCH = Qwen2Gguf.ARCHITECTURE + ".";
    private static final List<String> U32 = List.of("general.file_type", ARCH + "context_length",
            ARCH + "embedding_length", ARCH + "block_count", ARCH + "feed_forward_length", ARCH + "attention.head_count",
            ARCH + "attention.head_count_kv", ARCH + "rope.dimension_count", ARCH + "rope.scaling.original_context_length",
            ARCH + "vocab_size");
    private static final List<String> F32 = List.of(ARCH + "attention.layer_norm_rms_epsilon", ARCH + "rope.freq_base",
            ARCH + "rope.scale_linear", ARCH + "rope.scaling.factor", ARCH + "rope.scaling.attn_factor",
            ARCH + "rope.scaling.yarn_ext_factor", ARCH + "rope.scaling.yarn_attn_factor",
            ARCH + "rope.scaling.yarn_beta_fast", ARCH + "rope.scaling.yarn_beta_slow",
            ARCH + "rope.scaling.yarn_log_multiplier");
    private static final List<String> STRINGS = List.of("general.architecture", "tokenizer.ggml.model",
            "tokenizer.ggml.pre", "tokenizer.chat_template", ARCH + "rope.scaling.type");
    private static final List<String> BOOLS = List.of("tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token",
            "tokenizer.ggml.add_sep_token", "tokenizer.ggml.add_space_prefix",
            "tokenizer.ggml.remove_extra_whitespaces");
    private static final List<String> TOKEN_IDS = List.of("bos", "eos", "eot", "eom", "unknown", "seperator",
            "padding", "mask", "fim_pre", "fim_suf", "fim_mid", "fim_pad", "fim_rep", "fim_sep", "prefix", "suffix",
            "middle");

    private LlamaCppMetadata() {
    }

    /** @throws ModelLoadException naming the file and the first key llama.cpp would fail or misbehave on */
    static void check(GgufFile gguf) {
        for (String k : U32) {
            type(gguf, k, GgufFile.TYPE_UINT32);
        }
        for (String k : F32) {
            type(gguf, k, GgufFile.TYPE_FLOAT32);
            double v = gguf.number(k, 0);
            if (!Double.isFinite(v)) {
                fail(gguf, k + " is " + v + ", expected a finite number");
            }
        }
        for (String k : STRINGS) {
            type(gguf, k, GgufFile.TYPE_STRING);
        }
        for (String k : BOOLS) {
            type(gguf, k, GgufFile.TYPE_BOOL);
        }
        for (String id : TOKEN_IDS) {
            type(gguf, "tokenizer.ggml." + id + "_token_id", GgufFile.TYPE_UINT32);
        }
        double eps = gguf.number(ARCH + "attention.layer_norm_rms_epsilon", 1e-6);
        if (!(eps > 0 && eps < 1)) {
            fail(gguf, ARCH + "attention.layer_norm_rms_epsilon is " + eps + ", expected a small positive number"
                    + " such as 1e-6");
        }
        double base = gguf.number(ARCH + "rope.freq_base", 10_000);
        if (!(base > 1)) {
            fail(gguf, ARCH + "rope.freq_base is " + base + ", expected a number above 1 such as 1000000");
        }
        for (String k : List.of(ARCH + "rope.scaling.factor", ARCH + "rope.scale_linear")) {
            double f = gguf.number(k, 0);
            if (f < 0) { // 0 means no scaling
                fail(gguf, k + " is " + f + ", expected 0 (none) or a positive factor such as 4");
            }
        }
        String scaling = gguf.string(ARCH + "rope.scaling.type").orElse("none");
        if (!ROPE_SCALING.contains(scaling)) {
            fail(gguf, ARCH + "rope.scaling.type is " + Printable.quote(scaling) + ", expected one of "
                    + ROPE_SCALING);
        }
        String pre = gguf.string("tokenizer.ggml.pre").orElse("default");
        if (!PRE_TOKENIZERS.contains(pre)) {
            fail(gguf, "tokenizer.ggml.pre is " + Printable.quote(pre) + ", a pre-tokenizer this build of llama.cpp"
                    + " does not know (Qwen2.5 files say 'qwen2')");
        }
        checkSampling(gguf);
        checkVocabularyArrays(gguf);
    }

    /** The sampling defaults a file may carry ({@code general.sampling.*}), which become the model's defaults. */
    private static void checkSampling(GgufFile gguf) {
        String k = "general.sampling.";
        sampling(gguf, k + "temp", v -> v >= 0, "a number >= 0 (0 = greedy)");
        sampling(gguf, k + "top_p", v -> v > 0 && v <= 1, "a number in (0, 1]");
        sampling(gguf, k + "top_k", v -> v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v),
                "a whole number >= 0 (0 = off)");
        sampling(gguf, k + "penalty_repeat", v -> v > 0, "a number > 0 (1 = off)");
    }

    private static void sampling(GgufFile gguf, String key, java.util.function.DoublePredicate valid, String expected) {
        if (gguf.type(key) < 0) {
            return;
        }
        double v = gguf.number(key, Double.NaN);
        if (!Double.isFinite(v) || !valid.test(v)) {
            fail(gguf, key + " is " + gguf.describe(key) + ", expected " + expected);
        }
    }

    private static void checkVocabularyArrays(GgufFile gguf) {
        arrayOf(gguf, "tokenizer.ggml.tokens", GgufFile.TYPE_STRING, true);
        long n = gguf.array("tokenizer.ggml.tokens").orElseThrow().length();
        arrayOf(gguf, "tokenizer.ggml.merges", GgufFile.TYPE_STRING, true);
        for (var e : Map.of("tokenizer.ggml.token_type", GgufFile.TYPE_INT32, "tokenizer.ggml.scores",
                GgufFile.TYPE_FLOAT32).entrySet()) {
            if (arrayOf(gguf, e.getKey(), e.getValue(), false)) {
                long len = gguf.array(e.getKey()).orElseThrow().length();
                if (len != n) {
                    fail(gguf, e.getKey() + " has " + len + " entries, expected one per token (" + n + ")");
                }
            }
        }
    }

    /** @return whether the array is present; throws if it has another type, or is required and absent */
    private static boolean arrayOf(GgufFile gguf, String key, int elementType, boolean required) {
        int t = gguf.type(key);
        if (t < 0) {
            if (required) {
                fail(gguf, key + " is missing");
            }
            return false;
        }
        GgufArray a = gguf.array(key).orElse(null);
        if (a == null || a.elementType() != elementType) {
            fail(gguf, key + " is " + gguf.describe(key) + ", expected an array of "
                    + GgufFile.typeName(elementType));
        }
        return true;
    }

    private static void type(GgufFile gguf, String key, int expected) {
        int t = gguf.type(key);
        if (t >= 0 && t != expected) {
            fail(gguf, key + " is " + gguf.describe(key) + ", expected a " + GgufFile.typeName(expected)
                    + " (llama.cpp reads no other type)");
        }
    }

    private static void fail(GgufFile gguf, String problem) {
        throw new ModelLoadException(gguf.path(), problem);
    }
}
