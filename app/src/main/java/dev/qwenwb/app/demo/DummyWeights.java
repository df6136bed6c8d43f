package dev.qwenwb.app.demo;

import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.Qwen2Layout;
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
 * Speed does not depend on the values. The free space is checked before anything is written (a 72B shape takes
 * 145 GB), and the folder is deleted on {@link #close()}, on an error, and when the process is stopped (SIGTERM,
 * Ctrl-C: a shutdown hook).
 */
public final class DummyWeights implements AutoCloseable {

    /** Space left free beside the checkpoint: the tokenizer, and room for the system. */
    static final long MARGIN_BYTES = 1L << 30;

    private final Path dir;
    private final Thread cleanup;

    private DummyWeights(Path dir, Thread cleanup) {
        this.dir = dir;
        this.cleanup = cleanup;
    }

    /**
     * Writes the dummy checkpoint in the config's {@code torch_dtype} (bf16 for Qwen2.5), with the bundled tokenizer.
     *
     * @throws IllegalArgumentException naming the config and the folder, when the folder has too little free space
     */
    public static DummyWeights write(Path configJson) throws IOException {
        ModelConfig config = ModelConfig.read(configJson);
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        checkSpace(configJson, config, temp, Files.getFileStore(temp).getUsableSpace());
        Path dir = Files.createTempDirectory("qwen-dummy-");
        Thread cleanup = new Thread(() -> deleteHard(dir), "dummy-weights-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Path tokenizer = Files.createDirectories(dir.resolve(".tokenizer"));
            DemoModel.copyTokenizer(tokenizer);
            Path model = dir.resolve("model");
            RandomModelWriter.write(model, config, checkpointDtype(config), 1234, tokenizer);
            return new DummyWeights(dir, cleanup);
        } catch (IOException | RuntimeException e) {
            forget(cleanup);
            FileTrees.deleteTreeQuietly(dir);
            throw e;
        }
    }

    /** @return the bytes the checkpoint of {@code config} takes */
    static long checkpointBytes(ModelConfig config) {
        long elements = 0;
        for (long[] shape : Qwen2Layout.expectedTensors(config).values()) {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            elements = Math.addExact(elements, n);
        }
        return Math.multiplyExact(elements, checkpointDtype(config).byteSize());
    }

    /** @throws IllegalArgumentException when {@code usable} bytes in {@code folder} cannot hold the checkpoint */
    static void checkSpace(Path configJson, ModelConfig config, Path folder, long usable) {
        long need;
        try {
            need = Math.addExact(checkpointBytes(config), MARGIN_BYTES);
        } catch (ArithmeticException e) {
            need = Long.MAX_VALUE;
        }
        if (need > usable) {
            throw new IllegalArgumentException("--dummy-weights " + configJson + ": random weights of this shape take "
                    + gb(need - MARGIN_BYTES) + " GB, but " + folder + " has " + gb(usable) + " GB free; free space"
                    + " or point the temporary folder elsewhere (java.io.tmpdir, e.g. JAVA_TOOL_OPTIONS="
                    + "-Djava.io.tmpdir=/big/disk)");
        }
    }

    private static String gb(long bytes) {
        return bytes == Long.MAX_VALUE ? "more than 9 EB, i.e. more than any disk holds, "
                : String.format(Locale.ROOT, "%.1f", bytes / 1e9);
    }

    /** Deletes while the writer may still be adding files (a signal arrived mid-write): a few tries. */
    private static void deleteHard(Path dir) {
        for (int i = 0; i < 5 && Files.exists(dir); i++) {
            FileTrees.deleteTreeQuietly(dir);
        }
    }

    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
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
        forget(cleanup);
        FileTrees.deleteTree(dir);
    }
}
