package dev.qwenwb.inference.hub;

import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repo in the hub cache, laid out as huggingface_hub lays it out:
 * <pre>
 * models--{org}--{name}/
 *   blobs/{etag}                 file contents, named by their etag (LFS: sha256; else the git blob id)
 *   blobs/{etag}.incomplete      a download in progress, resumed from its length
 *   snapshots/{commit}/{path}    relative symbolic links to ../../blobs/{etag} (copies where links fail)
 *   refs/{revision}              the commit a branch or tag pointed at when it was downloaded
 * </pre>
 *
 * @param cache  the cache it belongs to
 * @param repoId {@code org/name}
 * @param dir    {@code models--org--name}
 */
public record CachedRepo(HubCache cache, String repoId, Path dir) {

    private static final Logger LOG = LoggerFactory.getLogger(CachedRepo.class);

    /** Suffix of a partial download. */
    public static final String INCOMPLETE = ".incomplete";

    /** @return {@code blobs/} */
    public Path blobs() {
        return dir.resolve("blobs");
    }

    /** @return {@code blobs/{etag}} */
    public Path blob(String etag) {
        return blobs().resolve(checkName(etag, "etag"));
    }

    /** @return {@code blobs/{etag}.incomplete} */
    public Path incomplete(String etag) {
        return blobs().resolve(checkName(etag, "etag") + INCOMPLETE);
    }

    /** @return {@code snapshots/} */
    public Path snapshots() {
        return dir.resolve("snapshots");
    }

    /** @return {@code snapshots/{commit}} */
    public Path snapshot(String commit) {
        return snapshots().resolve(checkName(commit, "commit"));
    }

    /** @return {@code snapshots/{commit}/{path}}; {@code path} has been checked by {@link RemoteFile} */
    public Path pointer(String commit, String path) {
        return snapshot(commit).resolve(path);
    }

    /** @return {@code refs/} */
    public Path refs() {
        return dir.resolve("refs");
    }

    /** @return the lock file guarding one blob's download, {@code .locks/models--org--name/{etag}.lock} */
    public Path lock(String etag) {
        return cache.locks(repoId).resolve(checkName(etag, "etag") + ".lock");
    }

    /** @return the commit {@code refs/{revision}} holds, if any */
    public Optional<String> readRef(String revision) {
        Path ref = refs().resolve(revision);
        if (!ref.normalize().startsWith(refs()) || !Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            return commit.isEmpty() ? Optional.empty() : Optional.of(commit);
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", ref, e.toString());
            return Optional.empty();
        }
    }

    /** Writes {@code refs/{revision}} (atomically) unless {@code revision} is the commit hash itself. */
    public void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = refs().resolve(revision);
        if (!ref.normalize().startsWith(refs())) {
            throw new IllegalArgumentException("revision '" + revision + "' would leave the refs folder");
        }
        if (readRef(revision).filter(commit::equals).isEmpty()) {
            FileTrees.writeAtomically(ref, commit.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The commit a revision names here: the revision itself when a snapshot of that name exists (a commit hash),
     * else what {@code refs/{revision}} holds.
     */
    public Optional<String> commitFor(String revision) {
        if (RepoRef.isCommitHash(revision) && Files.isDirectory(snapshot(revision))) {
            return Optional.of(revision);
        }
        return readRef(revision);
    }

    /**
     * Makes {@code pointer} show {@code blob}: a relative symbolic link (as huggingface_hub makes it), or, where the
     * file system refuses links or {@code useLinks} is false, the blob itself moved there ({@code newBlob}) or a copy.
     *
     * @return true if a link was made
     */
    public boolean link(Path blob, Path pointer, boolean useLinks, boolean newBlob) throws IOException {
        Files.createDirectories(pointer.getParent());
        Files.deleteIfExists(pointer);
        if (useLinks) {
            try {
                Files.createSymbolicLink(pointer, pointer.getParent().relativize(blob));
                return true;
            } catch (UnsupportedOperationException | IOException e) {
                LOG.info("no symbolic links in {} ({}); storing a copy of the file instead", dir, e.toString());
            }
        }
        if (newBlob) {
            FileTrees.moveReplacing(blob, pointer);
        } else {
            Path tmp = pointer.resolveSibling(pointer.getFileName() + FileTrees.TEMP_SUFFIX);
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            FileTrees.moveReplacing(tmp, pointer);
        }
        return false;
    }

    /** @return the file a snapshot pointer shows (the blob it links to, or the copy itself), if it exists */
    public static Optional<Path> target(Path pointer) {
        if (!Files.exists(pointer)) { // follows the link: a dangling link does not exist
            return Optional.empty();
        }
        try {
            return Optional.of(Files.isSymbolicLink(pointer) ? pointer.toRealPath() : pointer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unusable " + what + " '" + name + "' from the server");
        }
        return name;
    }
}
