package dev.qwenwb.inference.model;

import dev.qwenwb.inference.safetensors.HalfFloats;
import dev.qwenwb.inference.safetensors.SafetensorsWriter;
import dev.qwenwb.inference.safetensors.SafetensorsWriter.TensorSpec;
import dev.qwenwb.inference.safetensors.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a random-weight {@code Qwen2ForCausalLM} folder in real Hugging Face layout:
 * {@code config.json}, {@code generation_config.json} (greedy defaults), the tokenizer files copied
 * from a given folder, and {@code model.safetensors}. Used by tests (a tiny model), the app's offline
 * demo model and benchmarks (full-size shapes; speed does not depend on the values).
 *
 * <p>Values are uniform with these standard deviations, deterministic in the seed and the tensor
 * name: embeddings {@code 4/sqrt(H)} (so tied logits spread by a few units and the argmax is clear),
 * linear weights {@code 1/sqrt(fan_in)} (activations keep their scale, attention is not uniform),
 * biases in ±0.1, norm weights 1 ± 0.1. Tensors are generated and written in chunks, so the 0.5B
 * shape needs only a small buffer.
 */
public final class RandomModelWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RandomModelWriter.class);
    private static final int CHUNK = 1 << 16;
    private static final double SQRT3 = Math.sqrt(3.0);

    private RandomModelWriter() {
    }

    /**
     * @return hidden 64, intermediate 128, 2 layers, 4 heads, 2 KV heads, the real Qwen2.5 vocab
     *     (151936), 4096 positions, RMS eps 1e-6, RoPE theta 1e6, tied embeddings, EOS 151645/151643
     */
    public static ModelConfig tinyConfig() {
        return tinyConfig(4096);
    }

    /** @return the tiny shape declaring {@code maxPositions} positions (the cache is only as large as used) */
    public static ModelConfig tinyConfig(int maxPositions) {
        return new ModelConfig(ModelConfig.QWEN2, 64, 128, 2, 4, 2, 151_936, maxPositions, 1e-6, 1_000_000.0,
                true, "bfloat16", List.of(151_645, 151_643));
    }

    /**
     * Writes the folder (created if needed; files in it are replaced).
     *
     * @param dir          destination folder
     * @param config       shapes and settings; {@code torch_dtype} is written to match {@code dtype}
     * @param dtype        element type of all tensors
     * @param seed         random seed; equal seeds give identical files
     * @param tokenizerDir folder holding {@code tokenizer.json} and {@code tokenizer_config.json}
     * @return {@code dir}
     * @throws IOException if writing or copying fails
     */
    public static Path write(Path dir, ModelConfig config, TensorDType dtype, long seed, Path tokenizerDir)
            throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        ModelConfig written = new ModelConfig(config.architecture(), config.hiddenSize(),
                config.intermediateSize(), config.numHiddenLayers(), config.numAttentionHeads(),
                config.numKeyValueHeads(), config.vocabSize(), config.maxPositionEmbeddings(), config.rmsNormEps(),
                config.ropeTheta(), config.tieWordEmbeddings(), torchDtype(dtype), config.eosTokenIds());
        Files.writeString(dir.resolve(ModelFolder.CONFIG), written.toJson(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ModelFolder.GENERATION_CONFIG),
                GenerationConfig.defaults(written).toJson(), StandardCharsets.UTF_8);
        for (String name : List.of(ModelFolder.TOKENIZER, ModelFolder.TOKENIZER_CONFIG)) {
            Files.copy(tokenizerDir.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        Qwen2Layout.expectedTensors(written).forEach((name, shape) -> specs.put(name, new TensorSpec(dtype, shape)));
        SafetensorsWriter.write(dir.resolve(ModelFolder.SAFETENSORS), specs, Map.of("format", "pt"),
                (name, spec, out) -> fill(name, spec, seed, written.hiddenSize(), out));
        LOG.info("wrote random {} model ({} layers, hidden {}) to {} in {} ms", dtype, written.numHiddenLayers(),
                written.hiddenSize(), dir, (System.nanoTime() - t0) / 1_000_000);
        return dir;
    }

    private static String torchDtype(TensorDType dtype) {
        return switch (dtype) {
            case F32 -> "float32";
            case F16 -> "float16";
            case BF16 -> "bfloat16";
        };
    }

    /** Generates one tensor chunk by chunk: uniform in {@code center ± halfWidth}. */
    private static void fill(String name, TensorSpec spec, long seed, int hidden, WritableByteChannel out)
            throws IOException {
        long[] shape = spec.shape();
        double center = 0;
        double halfWidth;
        if (name.endsWith("layernorm.weight") || name.equals(Qwen2Layout.FINAL_NORM)) {
            center = 1;
            halfWidth = 0.1;
        } else if (name.endsWith(".bias")) {
            halfWidth = 0.1;
        } else if (name.equals(Qwen2Layout.EMBED_TOKENS) || name.equals(Qwen2Layout.LM_HEAD)) {
            halfWidth = 4.0 / Math.sqrt(hidden) * SQRT3;
        } else {
            halfWidth = 1.0 / Math.sqrt(shape[shape.length - 1]) * SQRT3;
        }
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
        long remaining = 1;
        for (long d : shape) {
            remaining *= d;
        }
        float[] values = new float[CHUNK];
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK * spec.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        while (remaining > 0) {
            int n = (int) Math.min(CHUNK, remaining);
            for (int i = 0; i < n; i++) {
                values[i] = (float) (center + (2 * rng.nextDouble() - 1) * halfWidth);
            }
            buf.clear();
            HalfFloats.encode(spec.dtype(), values, 0, n, buf);
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            remaining -= n;
        }
    }
}
