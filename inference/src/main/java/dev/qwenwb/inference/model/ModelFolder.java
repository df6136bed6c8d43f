package dev.qwenwb.inference.model;

import dev.qwenwb.inference.safetensors.SafetensorsException;
import dev.qwenwb.inference.safetensors.SafetensorsFile;
import dev.qwenwb.inference.safetensors.ShardedSafetensors;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.safetensors.TensorInfo;
import dev.qwenwb.inference.safetensors.TensorSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face {@code Qwen2ForCausalLM} folder, checked eagerly on {@link #open(Path)}: config,
 * tokenizer files, and every tensor's presence and shape. Holds the open weight files until closed.
 */
public final class ModelFolder implements AutoCloseable {

    /** Names of the files this class reads. */
    public static final String CONFIG = "config.json";
    /** Optional sampling defaults. */
    public static final String GENERATION_CONFIG = "generation_config.json";
    /** Tokenizer (Hugging Face tokenizers format). */
    public static final String TOKENIZER = "tokenizer.json";
    /** Tokenizer settings and chat template. */
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    /** Single-file weights. */
    public static final String SAFETENSORS = "model.safetensors";
    /** Index of sharded weights. */
    public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFolder.class);

    private final Path dir;
    private final ModelConfig config;
    private final GenerationConfig generationConfig;
    private final TensorSource weights;
    private final TensorDType weightsDType;
    private final long weightBytes;

    private ModelFolder(Path dir, ModelConfig config, GenerationConfig generationConfig, TensorSource weights,
            TensorDType weightsDType, long weightBytes) {
        this.dir = dir;
        this.config = config;
        this.generationConfig = generationConfig;
        this.weights = weights;
        this.weightsDType = weightsDType;
        this.weightBytes = weightBytes;
    }

    /**
     * Opens and validates a model folder.
     *
     * @param dir the folder
     * @return the open folder; close it to release the weight files
     * @throws ModelLoadException naming the first problem found
     */
    public static ModelFolder open(Path dir) {
        if (!Files.exists(dir)) {
            throw new ModelLoadException(dir, "model folder does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir, "not a folder; expected a Hugging Face model folder with "
                    + CONFIG + ", " + TOKENIZER + " and " + SAFETENSORS);
        }
        Path configJson = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configJson)) {
            throw new ModelLoadException(configJson, "missing; a Hugging Face model folder needs " + CONFIG);
        }
        ModelConfig config = ModelConfig.read(configJson);
        GenerationConfig gen = GenerationConfig.read(dir.resolve(GENERATION_CONFIG), config);
        for (String name : List.of(TOKENIZER, TOKENIZER_CONFIG)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new ModelLoadException(dir.resolve(name), "missing; the model folder needs "
                        + TOKENIZER + " and " + TOKENIZER_CONFIG + " (Hugging Face tokenizers format)");
            }
        }
        Path weightsPath = findWeights(dir);
        TensorSource weights;
        try {
            weights = weightsPath.getFileName().toString().equals(SAFETENSORS)
                    ? SafetensorsFile.open(weightsPath) : ShardedSafetensors.open(weightsPath);
        } catch (SafetensorsException e) {
            throw ModelLoadException.of(e);
        }
        try {
            Map<TensorDType, Long> bytesByType = checkTensors(weightsPath, weights, config);
            TensorDType dtype = bytesByType.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElseThrow();
            long bytes = weights.names().stream().mapToLong(n -> weights.info(n).byteLength()).sum();
            LOG.info("opened model {}: {} layers, hidden {}, {} weights, {} MiB", dir, config.numHiddenLayers(),
                    config.hiddenSize(), dtype, bytes >> 20);
            return new ModelFolder(dir, config, gen, weights, dtype, bytes);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private static Path findWeights(Path dir) {
        Path single = dir.resolve(SAFETENSORS);
        if (Files.isRegularFile(single)) {
            return single;
        }
        Path index = dir.resolve(SAFETENSORS_INDEX);
        if (Files.isRegularFile(index)) {
            return index;
        }
        String problem = "no weights: looked for " + SAFETENSORS + " and " + SAFETENSORS_INDEX;
        List<String> bins = listNames(dir, ".bin", ".pt", ".pth");
        if (!bins.isEmpty()) {
            problem += "; found " + bins + " but PyTorch .bin/.pt checkpoints are not supported, "
                    + "convert them to safetensors";
        }
        List<String> others = listNames(dir, ".safetensors");
        if (!others.isEmpty()) {
            problem += "; found " + others + " without a " + SAFETENSORS_INDEX;
        }
        throw new ModelLoadException(dir, problem);
    }

    private static List<String> listNames(Path dir, String... suffixes) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> Arrays.stream(suffixes).anyMatch(n::endsWith))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Checks presence and shape of every expected tensor; returns bytes per dtype among them. */
    private static Map<TensorDType, Long> checkTensors(Path file, TensorSource weights, ModelConfig config) {
        Map<String, long[]> expected = Qwen2Layout.expectedTensors(config);
        List<String> missing = expected.keySet().stream().filter(n -> !weights.names().contains(n))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            String first = missing.get(0);
            String problem = "missing tensor '" + first + "' (expected shape "
                    + Arrays.toString(expected.get(first)) + ")";
            if (missing.size() > 1) {
                problem += " and " + (missing.size() - 1) + " more";
            }
            if (missing.contains(Qwen2Layout.LM_HEAD)) {
                problem += "; " + Qwen2Layout.LM_HEAD + " is required because config.json has "
                        + "tie_word_embeddings=false";
            }
            throw new ModelLoadException(file, problem);
        }
        Map<TensorDType, Long> bytesByType = new EnumMap<>(TensorDType.class);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TensorInfo info = weights.info(e.getKey());
            if (!Arrays.equals(info.shape(), e.getValue())) {
                throw new ModelLoadException(file, "tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(info.shape()) + ", expected " + Arrays.toString(e.getValue())
                        + " from config.json (hidden_size " + config.hiddenSize() + ", intermediate_size "
                        + config.intermediateSize() + ", vocab_size " + config.vocabSize() + ", "
                        + config.numKeyValueHeads() + " KV heads of " + config.headDim() + ")");
            }
            bytesByType.merge(info.dtype(), info.byteLength(), Long::sum);
        }
        return bytesByType;
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return the validated {@code config.json} */
    public ModelConfig config() {
        return config;
    }

    /** @return {@code generation_config.json}, or defaults if the folder has none */
    public GenerationConfig generationConfig() {
        return generationConfig;
    }

    /** @return path of {@code tokenizer.json} */
    public Path tokenizerJson() {
        return dir.resolve(TOKENIZER);
    }

    /** @return path of {@code tokenizer_config.json} */
    public Path tokenizerConfigJson() {
        return dir.resolve(TOKENIZER_CONFIG);
    }

    /** @return the open weights (owned by this folder; closed with it) */
    public TensorSource weights() {
        return weights;
    }

    /** @return the dtype holding most of the model's weight bytes */
    public TensorDType weightsDType() {
        return weightsDType;
    }

    /** @return total bytes of all tensors in the weight files */
    public long weightBytes() {
        return weightBytes;
    }

    /**
     * @return the folder's name, or for a snapshot in a Hugging Face cache
     *     ({@code models--org--name/snapshots/COMMIT}) the repo id {@code org/name}
     */
    public String displayName() {
        return displayName(dir);
    }

    /** {@link #displayName()} of a folder not opened. */
    public static String displayName(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        Path name = d.getFileName();
        Path parent = d.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("snapshots")
                && parent.getParent() != null && parent.getParent().getFileName() != null) {
            String repo = parent.getParent().getFileName().toString();
            if (repo.startsWith("models--") && repo.indexOf("--", 8) > 8) {
                return repo.substring(8).replaceFirst("--", "/");
            }
        }
        return name == null ? dir.toString() : name.toString();
    }

    /** Closes the weight files. */
    @Override
    public void close() {
        weights.close();
    }

    @Override
    public String toString() {
        return "ModelFolder[" + dir + "]";
    }
}
