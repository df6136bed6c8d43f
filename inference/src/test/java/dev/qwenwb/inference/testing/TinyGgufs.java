package dev.qwenwb.inference.testing;

import dev.qwenwb.inference.gguf.GgmlType;
import dev.qwenwb.inference.gguf.GgufOutputType;
import dev.qwenwb.inference.gguf.GgufWriter;
import dev.qwenwb.inference.gguf.SafetensorsToGguf;
import dev.qwenwb.inference.safetensors.TensorDType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test fixture shared through the inference test-jar: GGUF files of the tiny random Qwen2 of {@link TinyModels}
 * (hidden 64, 2 layers, 4 heads, 2 KV heads), holding the very weights of its safetensors folder, in f32, f16 or
 * q8_0, with the real Qwen2.5 tokenizer, written by the app's own converter ({@link SafetensorsToGguf}; q8_0
 * through llama.cpp's quantizer, so a q8_0 fixture needs llama.cpp's libraries). Written once per JVM, deleted on
 * exit.
 */
public final class TinyGgufs {

    private static final Map<String, Path> FILES = new HashMap<>();

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

    /** Writes {@code folder}'s model as a GGUF of {@code type} (F32, F16 or Q8_0) to {@code out}. */
    public static void write(Path folder, GgmlType type, Path out) throws IOException {
        GgufOutputType t = switch (type) {
            case F32 -> GgufOutputType.F32;
            case F16 -> GgufOutputType.F16;
            case Q8_0 -> GgufOutputType.Q8_0;
            default -> throw new IllegalArgumentException("fixture types: f32, f16, q8_0; not " + type);
        };
        new SafetensorsToGguf(folder, t).convert(out, SafetensorsToGguf.Listener.NONE, () -> false);
    }

    /**
     * A hostile variant of {@link #tiny}: the tiny model's GGUF of {@code type} (F32 or F16) written to {@code out}
     * after {@code tweak} has set up the writer ({@link GgufWriter#override}, {@link GgufWriter#retype}, extra
     * tensors), without the converter's own check.
     */
    public static Path hostile(GgmlType type, Path out, java.util.function.Consumer<GgufWriter> tweak)
            throws IOException {
        GgufOutputType t = type == GgmlType.F16 ? GgufOutputType.F16 : GgufOutputType.F32;
        new SafetensorsToGguf(TinyModels.tiny(TensorDType.F32), t)
                .writeHostile(out, tweak);
        return out;
    }
}
