package dev.qwenwb.inference.testing;

import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.RandomModelWriter;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture shared through the inference test-jar: the real Qwen2.5 tokenizer in a folder, and
 * tiny random {@code Qwen2ForCausalLM} folders ({@link RandomModelWriter#tinyConfig()}), each written
 * once per JVM and deleted on exit. Callers must not modify the returned folders; copy them first.
 */
public final class TinyModels {

    /** Classpath folder of the tokenizer, from the {@code assets} module. */
    public static final String TOKENIZER_RESOURCE = "/assets/tokenizer/qwen2.5/";

    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json");
    private static final Map<String, Path> MODELS = new HashMap<>();
    private static Path root;
    private static Path tokenizerDir;

    private TinyModels() {
    }

    /** @return a folder holding the Qwen2.5 {@code tokenizer.json} and {@code tokenizer_config.json} */
    public static synchronized Path tokenizerDir() {
        if (tokenizerDir == null) {
            try {
                Path dir = Files.createDirectories(root().resolve("tokenizer"));
                for (String name : TOKENIZER_FILES) {
                    try (InputStream in = TinyModels.class.getResourceAsStream(TOKENIZER_RESOURCE + name)) {
                        if (in == null) {
                            throw new IllegalStateException("classpath resource " + TOKENIZER_RESOURCE + name
                                    + " not found; is the assets module a test dependency?");
                        }
                        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                tokenizerDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokenizerDir;
    }

    /**
     * @param dtype weight type
     * @return the tiny model with tied embeddings and seed 42
     */
    public static Path tiny(TensorDType dtype) {
        return tiny(dtype, true, 42);
    }

    /**
     * @param dtype weight type
     * @param tied  tied embeddings (no {@code lm_head.weight}) or not
     * @param seed  random seed
     * @return the tiny model folder, written on first request
     */
    public static synchronized Path tiny(TensorDType dtype, boolean tied, long seed) {
        String key = dtype + "-" + (tied ? "tied" : "untied") + "-" + seed;
        Path dir = MODELS.get(key);
        if (dir == null) {
            ModelConfig tiny = RandomModelWriter.tinyConfig();
            ModelConfig config = new ModelConfig(tiny.architecture(), tiny.hiddenSize(),
                    tiny.intermediateSize(), tiny.numHiddenLayers(), tiny.numAttentionHeads(),
                    tiny.numKeyValueHeads(), tiny.vocabSize(), tiny.maxPositionEmbeddings(), tiny.rmsNormEps(),
                    tiny.ropeTheta(), tied, tiny.torchDtype(), tiny.eosTokenIds());
            try {
                dir = RandomModelWriter.write(root().resolve("tiny-qwen2-" + key.toLowerCase()), config, dtype,
                        seed, tokenizerDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MODELS.put(key, dir);
        }
        return dir;
    }

    private static Path root() throws IOException {
        if (root == null) {
            Path dir = Files.createTempDirectory("qwenwb-tiny-models-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteTreeQuietly(dir), "tiny-models-cleanup"));
            root = dir;
        }
        return root;
    }
}
