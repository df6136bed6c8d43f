package dev.qwenwb.inference.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.model.Qwen2Layout;
import dev.qwenwb.inference.safetensors.HalfFloats;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.safetensors.TensorInfo;
import dev.qwenwb.inference.safetensors.TensorSource;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a Hugging Face {@code Qwen2ForCausalLM} safetensors folder into a GGUF file that llama.cpp loads, as its own
 * {@code convert_hf_to_gguf.py} (class {@code Qwen2Model}) writes one: {@code general.*} and {@code qwen2.*}
 * metadata, the tokenizer ({@link HfVocab}), and every tensor under llama.cpp's name ({@link #ggufName}), matrices in
 * the chosen type and norms and biases in f32. No PyTorch: BF16 and F16 are widened in Java. f32 and f16 are
 * written directly; q8_0 and q4_K_M by llama.cpp's quantizer ({@link GgufQuantizer}) from an f32 intermediate (f16
 * when the checkpoint is f16) in a temp file beside the output.
 *
 * <p>The output appears only when complete: everything is written to temp files in the output's folder and moved
 * into place at the end. Free space is checked first; a failure, a cancel or the process ending (a shutdown hook)
 * deletes the temp files, so nothing partial is ever left under the final name.
 */
public final class SafetensorsToGguf {

    /**
     * Where a conversion is.
     *
     * @param phase {@link #WRITING} (bytes of the direct or intermediate file) or {@link #QUANTIZING} (llama.cpp
     *              gives no progress: {@code done} and {@code total} are -1)
     */
    public record Progress(String phase, long done, long total) {
        /** Writing the direct or intermediate file. */
        public static final String WRITING = "writing";
        /** llama.cpp's quantizer is running. */
        public static final String QUANTIZING = "quantizing";

        /** @return 0..1, or -1 when unknown */
        public double fraction() {
            return total > 0 ? (double) done / total : -1;
        }
    }

    /** Told of progress on the converting thread. */
    public interface Listener {
        /** Called every few megabytes and at each phase's start. */
        void onProgress(Progress p);

        /** A listener that ignores everything. */
        Listener NONE = p -> { };
    }

    /**
     * What was written.
     *
     * @param file  the GGUF file
     * @param bytes its size
     * @param type  its type
     */
    public record Result(Path file, long bytes, GgufOutputType type) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsToGguf.class);
    private static final int CHUNK = 1 << 20; // elements converted at a time
    private static final long REPORT_EVERY = 8L << 20;
    private static final long HEADROOM = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path folder;
    private final GgufOutputType type;
    private ToLongFunction<Path> freeSpace = SafetensorsToGguf::usableSpace;
    private java.util.function.Consumer<GgufWriter> tweak; // hostile test fixtures only: null in the product

    /**
     * @param folder a {@code Qwen2ForCausalLM} folder (config.json, tokenizer, safetensors)
     * @param type   what to write
     */
    public SafetensorsToGguf(Path folder, GgufOutputType type) {
        this.folder = folder;
        this.type = type;
    }

    /** Replaces the free-space probe (tests: a disk that is too small). */
    SafetensorsToGguf withFreeSpace(ToLongFunction<Path> probe) {
        this.freeSpace = probe;
        return this;
    }

    /**
     * @return {@code NAME-TYPE.gguf}, NAME the folder's name (for a hub-cache snapshot, the repo's name), e.g.
     *     {@code Qwen2.5-0.5B-Instruct-q8_0.gguf}
     */
    public static String defaultFileName(Path folder, GgufOutputType type) {
        String name = ModelFolder.displayName(folder);
        return name.substring(name.lastIndexOf('/') + 1) + "-" + type.label() + ".gguf";
    }

    /**
     * Converts the folder to {@code out}, replacing a file there.
     *
     * @param out       the GGUF file to write (its folder is created)
     * @param listener  progress, on this thread
     * @param cancelled polled between chunks; when true the conversion stops (llama.cpp's quantizer, once started,
     *                  runs to its end first) and a {@link CancellationException} is thrown
     * @return what was written
     * @throws ModelLoadException    for a folder that is not a Qwen2 checkpoint (naming the file and the problem)
     * @throws IOException           for a disk without room or a failed write (temp files are deleted)
     * @throws CancellationException when cancelled (temp files are deleted)
     */
    public Result convert(Path out, Listener listener, BooleanSupplier cancelled) throws IOException {
        return convert(out, listener, cancelled, true);
    }

    /**
     * Writes a deliberately broken file for tests of the loaders' checks: {@code tweak} sets up the writer before
     * anything is put ({@link GgufWriter#override}, {@link GgufWriter#retype}, extra tensors), and the result is not
     * checked. Only the unquantized types.
     */
    public Result writeHostile(Path out, java.util.function.Consumer<GgufWriter> tweak) throws IOException {
        if (type.quantized()) {
            throw new IllegalArgumentException("hostile fixtures are f32 or f16, not " + type.label());
        }
        this.tweak = tweak;
        try {
            return convert(out, Listener.NONE, () -> false, false);
        } finally {
            this.tweak = null;
        }
    }

    private Result convert(Path out, Listener listener, BooleanSupplier cancelled, boolean checked)
            throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path dir = target.getParent();
        try (ModelFolder mf = ModelFolder.open(folder)) {
            HfVocab vocab = HfVocab.read(folder, mf.config().vocabSize());
            boolean direct = !type.quantized();
            GgmlType matrices = direct ? type.matrixType()
                    : mf.weightsDType() == TensorDType.F16 ? GgmlType.F16 : GgmlType.F32;
            int fileType = matrices == GgmlType.F16 ? GgufOutputType.F16.fileType() : GgufOutputType.F32.fileType();
            GgufWriter w = writer(mf, vocab, matrices, fileType, listener, cancelled);
            long first = w.fileSize();
            long needed = first + (direct ? 0 : quantizedBytes(mf.config())) + HEADROOM;
            Files.createDirectories(dir);
            long free = freeSpace.applyAsLong(dir);
            if (free >= 0 && free < needed) {
                throw new IOException("not enough free space in " + dir + ": converting to " + type.label() + " needs "
                        + "about " + ByteSizes.human(needed) + (direct ? "" : " (" + matrices.label()
                        + " intermediate included)") + ", " + ByteSizes.human(free) + " free");
            }
            List<Path> temps = new ArrayList<>();
            Thread cleanup = new Thread(() -> temps.forEach(SafetensorsToGguf::deleteQuietly), "gguf-convert-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                Path written = temp(dir, target, direct ? "" : "." + matrices.label(), temps);
                w.write(written);
                check(cancelled);
                if (!direct) {
                    Path quantized = temp(dir, target, "", temps);
                    listener.onProgress(new Progress(Progress.QUANTIZING, -1, -1));
                    GgufQuantizer.quantize(written, quantized, type.fileType(), 0);
                    deleteQuietly(written);
                    check(cancelled);
                    written = quantized;
                }
                if (checked) {
                    Qwen2Gguf.check(GgufFile.read(written)); // what llama.cpp will be given loads in our own checks
                }
                FileTrees.moveReplacing(written, target);
                LOG.info("converted {} to {} ({})", folder, target, type.label());
                return new Result(target, Files.size(target), type);
            } finally {
                temps.forEach(SafetensorsToGguf::deleteQuietly);
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs anyway
                }
            }
        }
    }

    private GgufWriter writer(ModelFolder mf, HfVocab vocab, GgmlType matrices, int fileType, Listener listener,
                              BooleanSupplier cancelled) {
        ModelConfig c = mf.config();
        JsonNode raw = rawConfig(mf.dir().resolve(ModelFolder.CONFIG));
        GgufWriter w = new GgufWriter();
        if (tweak != null) {
            tweak.accept(w);
        }
        String p = Qwen2Gguf.ARCHITECTURE + ".";
        w.put("general.architecture", Qwen2Gguf.ARCHITECTURE);
        w.put("general.type", "model");
        w.put("general.name", mf.displayName());
        w.putU32("general.alignment", 32); // the writer's (and ggml's default) alignment, said explicitly
        w.putU32(p + "block_count", c.numHiddenLayers());
        w.putU32(p + "context_length", c.maxPositionEmbeddings());
        w.putU32(p + "embedding_length", c.hiddenSize());
        w.putU32(p + "feed_forward_length", c.intermediateSize());
        w.putU32(p + "attention.head_count", c.numAttentionHeads());
        w.putU32(p + "attention.head_count_kv", c.numKeyValueHeads());
        w.putF32(p + "rope.freq_base", c.ropeTheta());
        w.putF32(p + "attention.layer_norm_rms_epsilon", c.rmsNormEps());
        JsonNode scaling = raw.path("rope_scaling");
        String scalingType = scaling.path("rope_type").asText(scaling.path("type").asText(""));
        if (scalingType.equals("yarn") && scaling.has("factor")) {
            w.put(p + "rope.scaling.type", "yarn");
            w.putF32(p + "rope.scaling.factor", scaling.path("factor").asDouble());
            w.putU32(p + "rope.scaling.original_context_length",
                    scaling.path("original_max_position_embeddings").asLong());
        }
        w.putU32("general.file_type", fileType);
        w.putU32("general.quantization_version", 2);
        vocab.writeTo(w);
        TensorSource weights = mf.weights();
        long total = 0;
        for (Map.Entry<String, long[]> e : Qwen2Layout.expectedTensors(c).entrySet()) {
            total += TensorInfo.elementCount(e.getValue());
        }
        long[] done = {0, 0};
        long all = total;
        for (Map.Entry<String, long[]> e : Qwen2Layout.expectedTensors(c).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            String gguf = ggufName(name);
            GgmlType t = shape.length == 1 || !gguf.endsWith(".weight") || gguf.endsWith("_norm.weight")
                    ? GgmlType.F32 : matrices;
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = shape[shape.length - 1 - i];
            }
            w.tensor(gguf, dims, t, os -> copy(weights, name, t, os, n -> {
                done[0] += n;
                if (done[0] - done[1] >= REPORT_EVERY || done[0] == all) {
                    done[1] = done[0];
                    listener.onProgress(new Progress(Progress.WRITING, done[0], all));
                }
                check(cancelled);
            }));
        }
        listener.onProgress(new Progress(Progress.WRITING, 0, all));
        return w;
    }

    /** Streams one tensor as {@code t} in chunks, telling {@code step} how many elements each chunk held. */
    private static void copy(TensorSource weights, String name, GgmlType t, OutputStream os,
                             java.util.function.LongConsumer step) throws IOException {
        TensorInfo info = weights.info(name);
        TensorDType from = info.dtype();
        TensorDType to = t == GgmlType.F16 ? TensorDType.F16 : TensorDType.F32;
        long n = info.elementCount();
        ByteBuffer src = ByteBuffer.allocate(CHUNK * from.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer dst = ByteBuffer.allocate(CHUNK * to.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[CHUNK];
        for (long at = 0; at < n; at += CHUNK) {
            int count = (int) Math.min(CHUNK, n - at);
            src.clear().limit(count * from.byteSize());
            weights.read(name, at * from.byteSize(), src);
            src.flip();
            if (from == to) {
                os.write(src.array(), 0, src.limit());
            } else {
                float[] v = count == CHUNK ? values : new float[count];
                HalfFloats.decode(from, src, v);
                dst.clear();
                HalfFloats.encode(to, v, 0, count, dst);
                os.write(dst.array(), 0, dst.position());
            }
            step.accept(count);
        }
    }

    /** Hugging Face tensor name to llama.cpp's ({@code gguf-py}'s tensor map for {@code qwen2}). */
    public static String ggufName(String hf) {
        switch (hf) {
            case Qwen2Layout.EMBED_TOKENS: return "token_embd.weight";
            case Qwen2Layout.FINAL_NORM: return "output_norm.weight";
            case Qwen2Layout.LM_HEAD: return "output.weight";
            default: break;
        }
        String[] parts = hf.split("\\.", 4); // model.layers.N.rest
        if (parts.length < 4 || !parts[0].equals("model") || !parts[1].equals("layers")) {
            throw new IllegalArgumentException("no GGUF name for " + hf);
        }
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

    /** Bytes the quantized file takes at most: matrices in the type's bound, norms and biases f32, plus the vocab. */
    private long quantizedBytes(ModelConfig c) {
        long bytes = 16L << 20; // tokens, merges, template
        for (Map.Entry<String, long[]> e : Qwen2Layout.expectedTensors(c).entrySet()) {
            long n = TensorInfo.elementCount(e.getValue());
            bytes += e.getValue().length == 1 ? 4 * n + 32 : type.matrixBytes(n) + 32;
        }
        return bytes;
    }

    /** A new hidden file beside the target; created as an ordinary file is (the umask's permissions, not 0600). */
    private static Path temp(Path dir, Path target, String tag, List<Path> temps) throws IOException {
        for (int i = 0; ; i++) {
            Path t = dir.resolve("." + target.getFileName() + tag + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
            try {
                Files.createFile(t);
                temps.add(t);
                return t;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i > 10) {
                    throw e;
                }
            }
        }
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("conversion cancelled; nothing was written");
        }
    }

    private static JsonNode rawConfig(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", p, e.toString());
        }
    }
}
