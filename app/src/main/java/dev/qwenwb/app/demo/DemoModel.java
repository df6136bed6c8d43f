package dev.qwenwb.app.demo;

import dev.qwenwb.inference.model.RandomModelWriter;
import dev.qwenwb.inference.safetensors.TensorDType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The built-in demo model: a tiny random-weight Qwen2 (hidden 64, 2 layers) with the real Qwen2.5 tokenizer
 * shipped in {@code assets}. It answers gibberish, but lets every screen and command run offline.
 */
public final class DemoModel {

    /** Classpath folder of the shipped tokenizer. */
    public static final String TOKENIZER_RESOURCE = "/assets/tokenizer/qwen2.5/";
    /** Written into the folder's README so nobody mistakes it for a real model. */
    public static final String LABEL = "random weights: for trying the app offline";

    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json");

    private DemoModel() {
    }

    /** Writes the demo model into {@code dir} (created if needed) and returns it. */
    public static Path write(Path dir) throws IOException {
        Path tokenizer = Files.createTempDirectory("qwen-tokenizer");
        try {
            copyTokenizer(tokenizer);
            RandomModelWriter.write(dir, RandomModelWriter.tinyConfig(), TensorDType.BF16, 42, tokenizer);
            Files.writeString(dir.resolve("README.md"), "# Qwen Workbench demo model\n\n" + LABEL
                    + ": a tiny Qwen2ForCausalLM (hidden 64, 2 layers, 4 heads, 2 KV heads) with the real Qwen2.5"
                    + " tokenizer. Its replies are meaningless; its speed says nothing about a real model.\n");
            return dir;
        } finally {
            for (String name : TOKENIZER_FILES) {
                Files.deleteIfExists(tokenizer.resolve(name));
            }
            Files.deleteIfExists(tokenizer);
        }
    }

    /** Copies the shipped Qwen2.5 tokenizer files into {@code dir}. */
    public static void copyTokenizer(Path dir) throws IOException {
        for (String name : TOKENIZER_FILES) {
            try (InputStream in = DemoModel.class.getResourceAsStream(TOKENIZER_RESOURCE + name)) {
                if (in == null) {
                    throw new IOException("the build lacks " + TOKENIZER_RESOURCE + name + " (assets module)");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
