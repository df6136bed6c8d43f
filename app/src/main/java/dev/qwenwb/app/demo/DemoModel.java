package dev.qwenwb.app.demo;

import dev.qwenwb.inference.model.RandomModelWriter;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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

    /**
     * Writes the demo model into the app's own folder {@code dir} unless it is complete there already (blocking); a
     * half-written one is replaced.
     */
    public static Path ensure(Path dir) throws IOException {
        if (!isWritten(dir)) {
            write(dir, true);
        }
        return dir;
    }

    /** @return whether {@code dir} holds the demo model already ({@link #ensure} then writes nothing) */
    public static boolean isWritten(Path dir) {
        return Files.exists(dir.resolve("config.json")) && Files.exists(dir.resolve("model.safetensors"));
    }

    /**
     * Writes the demo model as the new folder {@code dir}: into a sibling temporary folder first, then moved into
     * place, so {@code dir} never holds half a model. A folder that exists and is not empty is refused unless
     * {@code replace}; then it is replaced as a whole (moved aside, the new one moved in, the old one deleted).
     *
     * @param dir the folder to create
     * @param replace whether an existing non-empty {@code dir} may be replaced
     * @return {@code dir}
     * @throws IllegalArgumentException naming {@code dir} if it is a file, or not empty and not to be replaced
     * @throws IOException if it cannot be written; {@code dir} is then as it was
     */
    public static Path write(Path dir, boolean replace) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(dir + ": exists and is not a folder; give a new folder for the demo model");
        }
        if (exists && !replace && !isEmpty(target)) {
            throw new IllegalArgumentException(dir + ": is not empty; the demo model goes into a new or empty folder"
                    + " (--force replaces the folder and everything in it)");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path fresh = Files.createTempDirectory(parent, "." + target.getFileName() + "-new-");
        Path old = null;
        try {
            writeInto(fresh);
            if (exists) {
                old = parent.resolve("." + target.getFileName() + "-old-" + Long.toHexString(System.nanoTime()));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    old = null;
                }
                throw e;
            }
            return dir;
        } finally {
            FileTrees.deleteTreeQuietly(fresh);
            FileTrees.deleteTreeQuietly(old);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void writeInto(Path dir) throws IOException {
        Path tokenizer = Files.createTempDirectory("qwen-tokenizer");
        try {
            copyTokenizer(tokenizer);
            // Qwen2.5-0.5B's own context, so agents' long first prompts fit when served (its KV cache is 0.5 MiB per 1k
            // tokens: 2 layers, 2 KV heads of 16)
            RandomModelWriter.write(dir, RandomModelWriter.tinyConfig(32_768), TensorDType.BF16, 42, tokenizer);
            Files.writeString(dir.resolve("README.md"), "# Qwen Workbench demo model\n\n" + LABEL
                    + ": a tiny Qwen2ForCausalLM (hidden 64, 2 layers, 4 heads, 2 KV heads) with the real Qwen2.5"
                    + " tokenizer. Its replies are meaningless; its speed says nothing about a real model.\n");
        } finally {
            FileTrees.deleteTreeQuietly(tokenizer);
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
