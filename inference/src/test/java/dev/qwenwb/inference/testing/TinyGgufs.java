package dev.qwenwb.inference.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.gguf.GgmlType;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.model.Qwen2Layout;
import dev.qwenwb.inference.safetensors.HalfFloats;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.safetensors.TensorSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Test fixture shared through the inference test-jar: GGUF files of the tiny random Qwen2 of {@link TinyModels}
 * (hidden 64, 2 layers, 4 heads, 2 KV heads), holding the very weights of its safetensors folder, in f32, f16 or
 * q8_0, with the real Qwen2.5 tokenizer as GGUF metadata ({@code tokenizer.ggml.*}, {@code tokenizer.chat_template}).
 * Layout and keys follow the reference harness's {@code make_gguf.py} and llama.cpp's {@code convert_hf_to_gguf.py}
 * for Qwen2 (no Q/K permutation: qwen2 uses NeoX RoPE as Hugging Face does). Written once per JVM, deleted on exit.
 */
public final class TinyGgufs {

    private static final int TOKEN_NORMAL = 1;
    private static final int TOKEN_CONTROL = 3;
    private static final int TOKEN_USER_DEFINED = 4;
    private static final int TOKEN_UNUSED = 5;
    private static final Map<String, Path> FILES = new HashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyGgufs() {
    }

    /** @return the GGUF of {@code TinyModels.tiny(F32)} (tied, seed 42) in {@code type} (F32, F16 or Q8_0) */
    public static Path tiny(GgmlType type) {
        return of(TinyModels.tiny(TensorDType.F32), type);
    }

    /**
     * @param folder a Qwen2 safetensors folder
     * @param type   F32, F16 (matrices; norms and biases stay f32) or Q8_0 (likewise)
     * @return the GGUF of its weights, written on first request (beside other fixtures, in a temp folder)
     */
    public static synchronized Path of(Path folder, GgmlType type) {
        String key = folder + "|" + type;
        Path file = FILES.get(key);
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("qwenwb-tiny-gguf-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.qwenwb.inference.util.FileTrees
                        .deleteTreeQuietly(dir), "tiny-gguf-cleanup"));
                file = dir.resolve(folder.getFileName() + "-" + type.label() + ".gguf");
                write(folder, type, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FILES.put(key, file);
        }
        return file;
    }

    /** Writes {@code folder}'s model as a GGUF of {@code type} to {@code out}. */
    public static void write(Path folder, GgmlType type, Path out) throws IOException {
        write(folder, type, out, w -> { });
    }

    /**
     * A hostile variant of {@link #tiny}: the tiny model's GGUF of {@code type} written to {@code out} after
     * {@code tweak} has set up the writer ({@link GgufWriter#override}, {@link GgufWriter#retype}, extra tensors).
     */
    public static Path hostile(GgmlType type, Path out, java.util.function.Consumer<GgufWriter> tweak)
            throws IOException {
        write(TinyModels.tiny(TensorDType.F32), type, out, tweak);
        return out;
    }

    /** Writes {@code folder}'s model as a GGUF of {@code type} to {@code out}, {@code tweak} applied first. */
    public static void write(Path folder, GgmlType type, Path out, java.util.function.Consumer<GgufWriter> tweak)
            throws IOException {
        if (type != GgmlType.F32 && type != GgmlType.F16 && type != GgmlType.Q8_0) {
            throw new IllegalArgumentException("fixture types: f32, f16, q8_0; not " + type);
        }
        try (ModelFolder mf = ModelFolder.open(folder)) {
            ModelConfig c = mf.config();
            GgufWriter w = new GgufWriter();
            tweak.accept(w);
            w.put("general.architecture", "qwen2");
            w.put("general.name", folder.getFileName() + " " + type.label());
            w.putU32("general.file_type", type == GgmlType.F32 ? 0 : type == GgmlType.F16 ? 1 : 7);
            w.putU32("general.alignment", 32);
            w.putU32("qwen2.context_length", c.maxPositionEmbeddings());
            w.putU32("qwen2.embedding_length", c.hiddenSize());
            w.putU32("qwen2.block_count", c.numHiddenLayers());
            w.putU32("qwen2.feed_forward_length", c.intermediateSize());
            w.putU32("qwen2.attention.head_count", c.numAttentionHeads());
            w.putU32("qwen2.attention.head_count_kv", c.numKeyValueHeads());
            w.putF32("qwen2.rope.freq_base", c.ropeTheta());
            w.putF32("qwen2.attention.layer_norm_rms_epsilon", c.rmsNormEps());
            tokenizer(w, mf.tokenizerJson(), mf.tokenizerConfigJson(), c.vocabSize());
            TensorSource weights = mf.weights();
            for (Map.Entry<String, long[]> e : Qwen2Layout.expectedTensors(c).entrySet()) {
                long[] shape = e.getValue();
                GgmlType t = shape.length == 1 ? GgmlType.F32 : type;
                long[] dims = new long[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    dims[i] = shape[shape.length - 1 - i];
                }
                String name = e.getKey();
                w.tensor(ggufName(name), dims, t, os -> encode(weights.readF32(name), t, os));
            }
            w.write(out);
        }
    }

    /** Hugging Face tensor name to llama.cpp's (as {@code convert_hf_to_gguf.py} maps Qwen2). */
    public static String ggufName(String hf) {
        switch (hf) {
            case Qwen2Layout.EMBED_TOKENS: return "token_embd.weight";
            case Qwen2Layout.FINAL_NORM: return "output_norm.weight";
            case Qwen2Layout.LM_HEAD: return "output.weight";
            default: break;
        }
        String[] parts = hf.split("\\.", 4); // model.layers.N.rest
        String rest = parts[3];
        String suffix = rest.substring(rest.lastIndexOf('.') + 1);
        String module = rest.substring(0, rest.lastIndexOf('.'));
        String mapped = Map.of("input_layernorm", "attn_norm", "self_attn.q_proj", "attn_q",
                "self_attn.k_proj", "attn_k", "self_attn.v_proj", "attn_v", "self_attn.o_proj", "attn_output",
                "post_attention_layernorm", "ffn_norm", "mlp.gate_proj", "ffn_gate", "mlp.up_proj", "ffn_up",
                "mlp.down_proj", "ffn_down").get(module);
        if (mapped == null) {
            throw new IllegalArgumentException("no GGUF name for " + hf);
        }
        return "blk." + parts[2] + "." + mapped + "." + suffix;
    }

    /** The values as {@code type}'s bytes: f32, f16 (round to nearest even), q8_0 (ggml's reference quantizer). */
    static void encode(float[] x, GgmlType type, OutputStream out) throws IOException {
        ByteBuffer b;
        switch (type) {
            case F32 -> {
                b = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(x);
            }
            case F16 -> {
                b = ByteBuffer.allocate(2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : x) {
                    b.putShort(HalfFloats.floatToF16(v));
                }
            }
            case Q8_0 -> b = ByteBuffer.wrap(quantizeQ8(x));
            default -> throw new IllegalArgumentException(type.name());
        }
        out.write(b.array(), 0, b.capacity());
    }

    /** ggml's {@code quantize_row_q8_0_ref}: per 32 values an f16 scale d = max|x| / 127 and 32 int8 round(x / d). */
    public static byte[] quantizeQ8(float[] x) {
        int blocks = x.length / 32;
        ByteBuffer b = ByteBuffer.allocate(blocks * 34).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < blocks; k++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[k * 32 + j]));
            }
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            b.putShort(HalfFloats.floatToF16(d));
            for (int j = 0; j < 32; j++) {
                float v = x[k * 32 + j] * id; // |v| <= 127: no overflow
                b.put((byte) (Math.signum(v) * Math.round(Math.abs(v)))); // roundf: half away from zero
            }
        }
        return b.array();
    }

    /**
     * The tokenizer keys {@code convert_hf_to_gguf.py} writes for a GPT-2 style BPE: tokens in id order padded with
     * {@code [PADn]} to the model's vocabulary, their types, the merges, special ids and the chat template.
     */
    private static void tokenizer(GgufWriter w, Path tokenizerJson, Path tokenizerConfig, int vocabSize)
            throws IOException {
        JsonNode tj = JSON.readTree(tokenizerJson.toFile());
        JsonNode tc = JSON.readTree(tokenizerConfig.toFile());
        String[] tokens = new String[vocabSize];
        int[] types = new int[vocabSize];
        for (Iterator<Map.Entry<String, JsonNode>> it = tj.get("model").get("vocab").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            tokens[e.getValue().asInt()] = e.getKey();
            types[e.getValue().asInt()] = TOKEN_NORMAL;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode t : tj.get("added_tokens")) {
            int id = t.get("id").asInt();
            String s = t.get("content").asText();
            tokens[id] = s;
            boolean looksSpecial = s.startsWith("<|") && s.endsWith("|>");
            types[id] = t.path("special").asBoolean() || looksSpecial ? TOKEN_CONTROL : TOKEN_USER_DEFINED;
            ids.put(s, id);
        }
        for (int i = 0; i < vocabSize; i++) {
            if (tokens[i] == null) {
                tokens[i] = "[PAD" + i + "]";
                types[i] = TOKEN_UNUSED;
            } else {
                ids.putIfAbsent(tokens[i], i);
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode m : tj.get("model").get("merges")) {
            merges.add(m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText());
        }
        w.put("tokenizer.ggml.model", "gpt2");
        w.put("tokenizer.ggml.pre", "qwen2");
        w.putStrings("tokenizer.ggml.tokens", List.of(tokens));
        w.putInts("tokenizer.ggml.token_type", types);
        w.putStrings("tokenizer.ggml.merges", merges);
        w.putU32("tokenizer.ggml.eos_token_id", ids.get(tc.get("eos_token").asText()));
        w.putU32("tokenizer.ggml.padding_token_id", ids.get(tc.get("pad_token").asText()));
        w.putU32("tokenizer.ggml.bos_token_id", 151_643); // config.json's bos_token_id; Qwen adds no BOS
        w.putBool("tokenizer.ggml.add_bos_token", tc.path("add_bos_token").asBoolean(false));
        if (tc.hasNonNull("chat_template")) {
            w.put("tokenizer.chat_template", tc.get("chat_template").asText());
        }
    }
}
