package dev.qwenwb.inference.hub;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model repository and, optionally, a revision: {@code org/name} or {@code org/name@revision}.
 *
 * @param repoId   {@code org/name} (or a bare legacy {@code name})
 * @param revision a branch, tag or commit hash; null for the source's default branch
 */
public record RepoRef(String repoId, String revision) {

    // huggingface_hub's validate_repo_id: word characters, '-', '.', at most 96 per part; no "--" or ".."
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9](?:[\\w.-]{0,94}[A-Za-z0-9_])?");
    private static final Pattern REVISION = Pattern.compile("[\\w./+-]{1,200}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** Checks both parts. */
    public RepoRef {
        if (repoId == null || !validId(repoId)) {
            throw new IllegalArgumentException("'" + repoId + "' is not a repository id; expected org/name, e.g. "
                    + "Qwen/Qwen2.5-0.5B-Instruct (letters, digits, '-', '_', '.'; no '--' or '..')");
        }
        if (revision != null && (revision.isBlank() || !REVISION.matcher(revision).matches()
                || revision.contains("..") || revision.startsWith("/"))) {
            throw new IllegalArgumentException("'" + revision + "' is not a revision; expected a branch, tag or "
                    + "commit hash such as main or v1.0");
        }
    }

    /**
     * @param spec {@code org/name} or {@code org/name@revision}
     * @return the reference
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RepoRef parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("a repository id is required, e.g. Qwen/Qwen2.5-0.5B-Instruct");
        }
        String s = spec.trim();
        int at = s.indexOf('@');
        return at < 0 ? new RepoRef(s, null) : new RepoRef(s.substring(0, at), s.substring(at + 1));
    }

    /** @return true if {@code spec} parses as a repository reference (and is not obviously a path) */
    public static boolean looksLikeRepo(String spec) {
        if (spec == null || spec.startsWith(".") || spec.startsWith("/") || spec.contains("\\")
                || spec.endsWith(".gguf")) {
            return false;
        }
        try {
            return parse(spec).repoId().contains("/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validId(String id) {
        if (id.contains("--") || id.contains("..")) {
            return false;
        }
        String[] parts = id.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    /** @return this reference with {@code revision} replaced */
    public RepoRef withRevision(String rev) {
        return new RepoRef(repoId, rev);
    }

    /** @return the revision, or {@code fallback} when none was given */
    public String revisionOr(String fallback) {
        return revision == null ? fallback : revision;
    }

    /** @return the revision if one was given */
    public Optional<String> revisionIfAny() {
        return Optional.ofNullable(revision);
    }

    /** @return true if {@code rev} is a full 40-character commit hash (immutable: no ref is written for it) */
    public static boolean isCommitHash(String rev) {
        return rev != null && COMMIT.matcher(rev).matches();
    }

    /** @return the cache folder name, {@code models--org--name}, as huggingface_hub's {@code repo_folder_name} */
    public String folderName() {
        return "models--" + repoId.replace("/", "--");
    }

    @Override
    public String toString() {
        return revision == null ? repoId : repoId + "@" + revision;
    }
}
