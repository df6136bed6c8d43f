package dev.qwenwb.inference.hub;

import java.util.List;

/**
 * A model the workbench knows how to fetch.
 *
 * @param repoId      {@code org/name} on the Hub (the same id on ModelScope for Qwen's own repos)
 * @param title       a short name for lists
 * @param parameters  size label, e.g. {@code 0.5B}
 * @param coder       a Qwen2.5-Coder model (code-tuned) rather than the general instruct model
 * @param format      safetensors or GGUF
 * @param include     the files to fetch ({@code --include} patterns; empty: the whole repo)
 * @param approxBytes APPROXIMATE download size in bytes, for the user's planning only; the repo listing has the
 *                    exact figure
 */
public record CatalogEntry(String repoId, String title, String parameters, boolean coder, ModelFormat format,
                           List<String> include, long approxBytes) {

    /** Copies the list. */
    public CatalogEntry {
        include = List.copyOf(include);
    }

    /** @return the entry as a reference to its default branch */
    public RepoRef ref() {
        return new RepoRef(repoId, null);
    }
}
