package dev.qwenwb.inference.hub;

import java.util.List;
import java.util.Optional;

/**
 * The models offered for download: Qwen2.5 0.5B and 1.5B, instruct and coder, each as the official safetensors
 * repo (the DJL engine) and the official {@code -GGUF} repo with its q8_0 file (llama.cpp). Sizes are
 * APPROXIMATE (rounded from the repos' listings at the time of writing: about 2 bytes per parameter in bf16,
 * about 1.07 in q8_0); the download's plan shows the exact figure.
 */
public final class ModelCatalog {

    private static final long MB = 1_000_000L;

    private static final List<CatalogEntry> ENTRIES = List.of(
            safetensors("Qwen/Qwen2.5-0.5B-Instruct", "Qwen2.5 0.5B Instruct", "0.5B", false, 1_000 * MB),
            safetensors("Qwen/Qwen2.5-Coder-0.5B-Instruct", "Qwen2.5-Coder 0.5B Instruct", "0.5B", true, 1_000 * MB),
            safetensors("Qwen/Qwen2.5-1.5B-Instruct", "Qwen2.5 1.5B Instruct", "1.5B", false, 3_100 * MB),
            safetensors("Qwen/Qwen2.5-Coder-1.5B-Instruct", "Qwen2.5-Coder 1.5B Instruct", "1.5B", true, 3_100 * MB),
            gguf("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "Qwen2.5 0.5B Instruct (GGUF q8_0)", "0.5B", false, 680 * MB),
            gguf("Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF", "Qwen2.5-Coder 0.5B Instruct (GGUF q8_0)", "0.5B", true,
                    680 * MB),
            gguf("Qwen/Qwen2.5-1.5B-Instruct-GGUF", "Qwen2.5 1.5B Instruct (GGUF q8_0)", "1.5B", false, 1_900 * MB),
            gguf("Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF", "Qwen2.5-Coder 1.5B Instruct (GGUF q8_0)", "1.5B", true,
                    1_900 * MB));

    private ModelCatalog() {
    }

    /** @return every entry, the safetensors repos first */
    public static List<CatalogEntry> entries() {
        return ENTRIES;
    }

    /** @return the entry of {@code repoId}, if it is in the catalog */
    public static Optional<CatalogEntry> find(String repoId) {
        return ENTRIES.stream().filter(e -> e.repoId().equals(repoId)).findFirst();
    }

    /** @return the model offered on first start: Qwen2.5-0.5B-Instruct in safetensors */
    public static CatalogEntry starter() {
        return ENTRIES.get(0);
    }

    private static CatalogEntry safetensors(String id, String title, String params, boolean coder, long bytes) {
        return new CatalogEntry(id, title, params, coder, ModelFormat.SAFETENSORS, List.of(), bytes);
    }

    private static CatalogEntry gguf(String id, String title, String params, boolean coder, long bytes) {
        // the official repos name it e.g. qwen2.5-0.5b-instruct-q8_0.gguf
        return new CatalogEntry(id, title, params, coder, ModelFormat.GGUF, List.of("*q8_0.gguf"), bytes);
    }
}
