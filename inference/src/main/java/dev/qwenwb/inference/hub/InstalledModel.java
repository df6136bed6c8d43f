package dev.qwenwb.inference.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A model on this machine: one snapshot in the hub cache, or a folder the user imported.
 *
 * @param name         {@code org/name} for a cached repo, the folder name for an imported folder
 * @param repoId       {@code org/name}, or null for an imported folder
 * @param commit       the snapshot's commit, or null for an imported folder
 * @param refs         the revisions ({@code refs/…}) that point at this commit, e.g. {@code [main]}
 * @param path         the snapshot folder or the imported folder: what a loader opens
 * @param sizeOnDisk   bytes the model's files take (each blob counted once)
 * @param source       where it came from: {@code hf https://…}, {@code modelscope https://…}, {@code cache} (another
 *                     tool put it there) or {@code folder}
 * @param summary      format, architecture, parameter count
 */
public record InstalledModel(String name, String repoId, String commit, List<String> refs, Path path,
                             long sizeOnDisk, String source, ModelSummary summary) {

    /** Copies the list. */
    public InstalledModel {
        refs = List.copyOf(refs);
    }

    /** @return true for a snapshot in the hub cache (it can be deleted from there); false for an imported folder */
    public boolean inCache() {
        return repoId != null;
    }

    /** @return the revision to show: the refs, else a short commit, else empty */
    public String revisionLabel() {
        if (!refs.isEmpty()) {
            return String.join(", ", refs) + (commit == null ? "" : " (" + commit.substring(0, Math.min(7, commit.length()))
                    + ")");
        }
        return commit == null ? "" : commit.substring(0, Math.min(7, commit.length()));
    }

    /** @return {@code org/name@ref} (or {@code @commit}) for cached models, the folder path otherwise */
    public String spec() {
        if (repoId == null) {
            return path.toString();
        }
        return refs.isEmpty() ? repoId + "@" + commit : refs.contains("main") || refs.contains("master")
                ? repoId : repoId + "@" + refs.get(0);
    }
}
