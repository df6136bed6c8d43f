package dev.qwenwb.app.demo;

import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.RandomModelWriter;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Random weights of the shape a {@code config.json} describes (vLLM's "dummy" load format), written as a real
 * checkpoint in a temporary folder, so the true shape of a model can be benchmarked without downloading it.
 * Speed does not depend on the values.
 */
public final class DummyWeights implements AutoCloseable {

    private final Path dir;

    private DummyWeights(Path dir) {
        this.dir = dir;
    }

    /** Writes the dummy checkpoint in the config's {@code torch_dtype} (bf16 for Qwen2.5), with the bundled tokenizer. */
    public static DummyWeights write(Path configJson) throws IOException {
        ModelConfig config = ModelConfig.read(configJson);
        Path dir = Files.createTempDirectory("qwen-dummy-");
        try {
            Path tokenizer = Files.createDirectories(dir.resolve(".tokenizer"));
            DemoModel.copyTokenizer(tokenizer);
            Path model = dir.resolve("model");
            RandomModelWriter.write(model, config, checkpointDtype(config), 1234, tokenizer);
            return new DummyWeights(dir);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteTreeQuietly(dir);
            throw e;
        }
    }

    private static TensorDType checkpointDtype(ModelConfig c) {
        String t = c.torchDtype() == null ? "" : c.torchDtype().toLowerCase(Locale.ROOT);
        return t.contains("bfloat16") ? TensorDType.BF16 : t.contains("float16") ? TensorDType.F16 : TensorDType.F32;
    }

    /** The model folder to load. */
    public Path modelDir() {
        return dir.resolve("model");
    }

    @Override
    public void close() throws IOException {
        FileTrees.deleteTree(dir);
    }
}
