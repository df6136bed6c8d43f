package dev.qwenwb.inference.prompt;

import java.util.Objects;

/**
 * One file of a repository-level prompt for Qwen2.5-Coder.
 *
 * @param path the file's path inside the repository, e.g. {@code src/library.py}
 * @param content the file's text (for the last, open file: the part the model should continue)
 */
public record RepoFile(String path, String content) {

    /** Requires a path; {@code null} content becomes the empty string. */
    public RepoFile {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("repository file path is blank");
        }
        content = content == null ? "" : content;
    }
}
