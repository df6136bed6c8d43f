package dev.qwenwb.inference.gguf;

import dev.qwenwb.inference.model.ModelConfig;
import java.nio.file.Path;

/**
 * A GGUF model loaded through llama.cpp, as reports describe it.
 *
 * @param name                the file name without {@code .gguf}
 * @param file                the GGUF file
 * @param config              its hyperparameters ({@link Qwen2Gguf#config()})
 * @param fileType            e.g. {@code q8_0}
 * @param backend             e.g. {@code llama.cpp v0.4.0 cpu-haswell}
 * @param threads             llama.cpp's decode threads
 * @param loadMs              header check + llama.cpp's load (weights read, repacked for the CPU kernels)
 * @param weightBytes         bytes of all tensors in the file
 * @param weightBytesPerToken bytes one decode step reads
 * @param contextLength       KV-cache capacity of each session, in tokens
 */
public record GgufModelInfo(String name, Path file, ModelConfig config, String fileType, String backend, int threads,
                            long loadMs, long weightBytes, long weightBytesPerToken, int contextLength) {
}
