package dev.qwenwb.inference.hub;

import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models on this machine: every snapshot in the hub cache — whoever put it there, this app,
 * {@code huggingface-cli} or {@code transformers} — and folders the user imported; and the entry point that turns
 * an installed {@code org/name[@revision]} into the folder to load ({@link #resolve(String)}).
 */
public final class InstalledModels {

    private static final Logger LOG = LoggerFactory.getLogger(InstalledModels.class);

    private InstalledModels() {
    }

    /**
     * The snapshot folder of an installed repo, through the cache's {@code refs/}: {@code org/name@rev} is the
     * snapshot {@code refs/rev} points at (or the snapshot named {@code rev} if it is a commit hash, or the only
     * snapshot whose commit starts with it); plain {@code org/name} is {@code refs/main}, else {@code refs/master}
     * (ModelScope), else the repo's only snapshot. Uses {@link HubCache#fromEnvironment()}.
     *
     * <p>This is the hook for {@code --model REPO_ID[@REV]}: a folder or a {@code .gguf} file is not a repo id
     * ({@link RepoRef#looksLikeRepo}).
     *
     * @param spec {@code org/name} or {@code org/name@revision}
     * @return the snapshot folder, if installed
     * @throws IllegalArgumentException if {@code spec} is not a repo id
     */
    public static Optional<Path> resolve(String spec) {
        return resolve(spec, HubCache.fromEnvironment());
    }

    /** {@link #resolve(String)} in a given cache. */
    public static Optional<Path> resolve(String spec, HubCache cache) {
        RepoRef ref = RepoRef.parse(spec);
        CachedRepo repo = cache.repo(ref.repoId());
        if (!Files.isDirectory(repo.snapshots())) {
            return Optional.empty();
        }
        Optional<String> commit;
        if (ref.revision() != null) {
            commit = repo.commitFor(ref.revision()).or(() -> byPrefix(repo, ref.revision()));
        } else {
            commit = repo.readRef("main").or(() -> repo.readRef("master")).or(() -> only(repo));
        }
        return commit.map(repo::snapshot).filter(Files::isDirectory);
    }

    /**
     * {@link #resolve(String, HubCache)} or a one-line failure naming the cache and how to fill it.
     *
     * @throws IllegalArgumentException if {@code spec} is not installed
     */
    public static Path require(String spec, HubCache cache) {
        return resolve(spec, cache).orElseThrow(() -> new IllegalArgumentException(spec
                + " is not installed in the model cache " + cache.root() + " (download it first: workbench download "
                + RepoRef.parse(spec) + ")"));
    }

    private static Optional<String> byPrefix(CachedRepo repo, String prefix) {
        if (prefix.length() < 7 || !prefix.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        List<String> hits = snapshotNames(repo).stream().filter(c -> c.startsWith(prefix)).collect(Collectors.toList());
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    private static Optional<String> only(CachedRepo repo) {
        List<String> all = snapshotNames(repo);
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    private static List<String> snapshotNames(CachedRepo repo) {
        try (Stream<Path> s = Files.list(repo.snapshots())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Lists the cache's model snapshots (datasets and spaces are skipped) and the imported folders that still
     * exist, sorted by name.
     *
     * @param cache    the hub cache (a missing folder lists nothing)
     * @param imported folders opened by the user ("Open folder…", recent models); duplicates of cache paths skipped
     */
    public static List<InstalledModel> scan(HubCache cache, List<Path> imported) {
        List<InstalledModel> out = new ArrayList<>();
        if (Files.isDirectory(cache.root())) {
            try (DirectoryStream<Path> repos = Files.newDirectoryStream(cache.root(), "models--*")) {
                for (Path dir : repos) {
                    String id = dir.getFileName().toString().substring("models--".length()).replace("--", "/");
                    try {
                        out.addAll(scanRepo(cache.repo(id)));
                    } catch (IllegalArgumentException e) {
                        LOG.debug("skipping {}: {}", dir, e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot list the hub cache {}: {}", cache.root(), e.toString());
            }
        }
        out.sort(Comparator.comparing(InstalledModel::name).thenComparing(m -> String.valueOf(m.commit())));
        Set<Path> seen = out.stream().map(m -> m.path().toAbsolutePath().normalize()).collect(Collectors.toSet());
        for (Path folder : imported) {
            Path p = folder.toAbsolutePath().normalize();
            if (Files.isDirectory(p) && seen.add(p) && !p.startsWith(cache.root())) {
                out.add(new InstalledModel(p.getFileName().toString(), null, null, List.of(), p, folderSize(p),
                        "folder", ModelSummary.of(p)));
            }
        }
        return out;
    }

    private static List<InstalledModel> scanRepo(CachedRepo repo) {
        Map<String, List<String>> refsByCommit = refs(repo);
        Map<String, Origins.Origin> origins = Origins.read(repo);
        List<InstalledModel> out = new ArrayList<>();
        for (String commit : snapshotNames(repo)) {
            Path snap = repo.snapshot(commit);
            Origins.Origin o = origins.get(commit);
            String source = o == null ? "cache" : o.source() + " " + o.endpoint();
            out.add(new InstalledModel(repo.repoId(), repo.repoId(), commit, refsByCommit.getOrDefault(commit, List.of()),
                    snap, snapshotSize(snap), source, ModelSummary.of(snap)));
        }
        return out;
    }

    /** @return commit → the ref names pointing at it ({@code main}, {@code refs/pr/1}, …) */
    private static Map<String, List<String>> refs(CachedRepo repo) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(repo.refs())) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(repo.refs())) {
            for (Path ref : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String name = repo.refs().relativize(ref).toString().replace('\\', '/');
                String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
                out.computeIfAbsent(commit, k -> new ArrayList<>()).add(name);
            }
        } catch (IOException e) {
            LOG.debug("cannot read refs of {}: {}", repo.dir(), e.toString());
        }
        return out;
    }

    /** @return bytes of the distinct files the snapshot's entries show (links followed, each blob once) */
    static long snapshotSize(Path snapshot) {
        Set<Path> counted = new HashSet<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(snapshot)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Optional<Path> target = CachedRepo.target(p);
                if (target.isPresent() && Files.isRegularFile(target.get()) && counted.add(target.get())) {
                    total += Files.size(target.get());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot size {}: {}", snapshot, e.toString());
        }
        return total;
    }

    private static long folderSize(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Deletes a cached snapshot as {@code huggingface-cli delete-cache} does: the snapshot folder, the refs that
     * point at it, and the blobs no other snapshot of the repo uses; the whole repo folder when nothing is left.
     * Partial downloads ({@code .incomplete}) of the repo go with the last snapshot.
     *
     * @throws IllegalArgumentException for an imported folder (those are the user's files, never deleted here)
     * @throws IOException if something could not be deleted
     */
    public static void delete(HubCache cache, InstalledModel model) throws IOException {
        if (!model.inCache()) {
            throw new IllegalArgumentException(model.path() + " is an imported folder, not a cached download; "
                    + "it is not deleted from here");
        }
        CachedRepo repo = cache.repo(model.repoId());
        Path snap = repo.snapshot(model.commit());
        if (!snap.normalize().startsWith(cache.root())) {
            throw new IllegalArgumentException(snap + " is outside the cache " + cache.root());
        }
        Set<Path> keep = new HashSet<>();
        for (String other : snapshotNames(repo)) {
            if (!other.equals(model.commit())) {
                keep.addAll(targets(repo.snapshot(other)));
            }
        }
        Set<Path> mine = targets(snap);
        Path blobs = Files.isDirectory(repo.blobs()) ? repo.blobs().toRealPath() : null;
        FileTrees.deleteTree(snap);
        for (Path blob : mine) {
            if (blobs != null && !keep.contains(blob) && blob.startsWith(blobs)) {
                Files.deleteIfExists(blob);
            }
        }
        for (Map.Entry<String, List<String>> e : refs(repo).entrySet()) {
            if (e.getKey().equals(model.commit())) {
                for (String ref : e.getValue()) {
                    Files.deleteIfExists(repo.refs().resolve(ref));
                }
            }
        }
        Origins.remove(repo, model.commit());
        if (snapshotNames(repo).isEmpty()) {
            FileTrees.deleteTree(repo.dir());
            FileTrees.deleteTreeQuietly(cache.locks(model.repoId()));
        }
    }

    private static Set<Path> targets(Path snapshot) {
        Set<Path> out = new HashSet<>();
        try (Stream<Path> walk = Files.walk(snapshot)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    CachedRepo.target(p).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot walk {}: {}", snapshot, e.toString());
        }
        return out;
    }
}
