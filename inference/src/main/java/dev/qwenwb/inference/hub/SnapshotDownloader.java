package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads (or completes, or verifies) a snapshot of a repo into the hub cache, as huggingface_hub's
 * {@code snapshot_download} does: list the revision, then for each selected file either verify what the cache holds
 * (size, and sha256 or git blob id) or fetch it (see {@link BlobDownload}), a few files at a time; link it into
 * {@code snapshots/{commit}/}; finally write {@code refs/{revision}}. A file appears in the snapshot only once it is
 * verified. Interrupted downloads resume from their {@code .incomplete} files the next time.
 */
public final class SnapshotDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDownloader.class);

    private final HubSettings settings;
    private final SourceApi api;

    /** @param settings source, endpoint, token, proxy, cache */
    public SnapshotDownloader(HubSettings settings) {
        this.settings = settings;
        this.api = SourceApi.of(settings);
    }

    /** @return the settings this downloader uses */
    public HubSettings settings() {
        return settings;
    }

    /**
     * Lists a revision without downloading anything.
     *
     * @throws HubException for a refused or failed request
     */
    public RepoListing list(RepoRef ref) {
        return api.list(ref.repoId(), ref.revisionOr(settings.source().defaultRevision()));
    }

    /**
     * Downloads what is missing of a snapshot and verifies what is there.
     *
     * @param ref      repo and revision (none: the source's default branch)
     * @param include  file patterns to fetch (huggingface_hub's {@code allow_patterns}); empty for every file
     * @param listener progress and notices (called from worker threads)
     * @param cancel   set it to stop; partial files stay for the next time
     * @return the snapshot folder, {@code …/models--org--name/snapshots/{commit}}
     * @throws HubException with a one-line message when it cannot finish
     */
    public Path download(RepoRef ref, List<String> include, DownloadListener listener, Cancellation cancel) {
        String revision = ref.revisionOr(settings.source().defaultRevision());
        CachedRepo repo = settings.cache().repo(ref.repoId());
        List<Glob> globs = include.stream().map(Glob::of).collect(Collectors.toList());
        RepoListing listing;
        try {
            listing = api.list(ref.repoId(), revision);
        } catch (HubException e) {
            Optional<Path> cached = cachedSnapshot(repo, revision);
            if (e.kind() == HubException.Kind.NETWORK && cached.isPresent()) {
                listener.notice(e.getMessage() + "; using the snapshot already in the cache (not checked against the "
                        + "server)");
                return cached.get();
            }
            throw e;
        }
        List<RemoteFile> selected = listing.files().stream().filter(f -> Glob.anyMatches(globs, f.path()))
                .collect(Collectors.toList());
        if (!globs.isEmpty() && selected.isEmpty()) {
            throw new HubException(HubException.Kind.BAD_INPUT, "--include " + globs + " matches none of the "
                    + listing.files().size() + " files of " + ref.repoId() + "@" + revision + ": "
                    + listing.files().stream().map(RemoteFile::path).limit(12).collect(Collectors.joining(", ")));
        }
        DownloadPlan plan = plan(repo, listing, selected);
        checkDiskSpace(plan);
        listener.planned(plan);
        LOG.info("{}@{} -> {}: {} files, {} bytes, {} to fetch", ref.repoId(), revision, listing.commit(),
                selected.size(), plan.totalBytes(), plan.missingBytes());
        fetchAll(repo, listing, selected, new ProgressMeter(plan, listener), listener, cancel);
        try {
            Files.createDirectories(plan.snapshot());
            repo.writeRef(revision, listing.commit());
        } catch (IOException e) {
            throw new HubException(HubException.Kind.FAILED, repo.refs() + ": cannot write: " + e.getMessage(), e);
        }
        Origins.write(repo, listing.commit(), new Origins.Origin(settings.source().id(),
                settings.endpoint().toString(), revision));
        return plan.snapshot();
    }

    private static Optional<Path> cachedSnapshot(CachedRepo repo, String revision) {
        return repo.commitFor(revision).map(repo::snapshot).filter(Files::isDirectory);
    }

    private DownloadPlan plan(CachedRepo repo, RepoListing listing, List<RemoteFile> files) {
        List<DownloadPlan.PlannedFile> planned = new ArrayList<>();
        long total = 0;
        long have = 0;
        for (RemoteFile f : files) {
            long size = Math.max(0, f.size());
            Optional<Path> present = CachedRepo.target(repo.pointer(listing.commit(), f.path()));
            if (present.isEmpty() && f.etag() != null && Files.isRegularFile(repo.blob(f.etag()))) {
                present = Optional.of(repo.blob(f.etag()));
            }
            DownloadPlan.PlannedFile p;
            if (present.isPresent()) {
                p = new DownloadPlan.PlannedFile(f.path(), f.size(), size(present.get(), size), DownloadPlan.State.PRESENT);
            } else if (f.etag() != null && Files.isRegularFile(repo.incomplete(f.etag()))) {
                p = new DownloadPlan.PlannedFile(f.path(), f.size(), size(repo.incomplete(f.etag()), size),
                        DownloadPlan.State.PARTIAL);
            } else {
                p = new DownloadPlan.PlannedFile(f.path(), f.size(), 0, DownloadPlan.State.MISSING);
            }
            planned.add(p);
            total += size;
            have += p.have();
        }
        return new DownloadPlan(listing.repoId(), listing.revision(), listing.commit(),
                repo.snapshot(listing.commit()), planned, total, have);
    }

    private static long size(Path p, long cap) {
        try {
            return Math.min(Files.size(p), cap);
        } catch (IOException e) {
            return 0;
        }
    }

    private void checkDiskSpace(DownloadPlan plan) {
        Path p = settings.cache().root();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        try {
            long free = Files.getFileStore(p).getUsableSpace();
            if (plan.missingBytes() > free) {
                throw new HubException(HubException.Kind.DISK_SPACE, plan.repoId() + " needs "
                        + gigabytes(plan.missingBytes()) + " more in " + settings.cache().root() + ", which has "
                        + gigabytes(free) + " free (--cache-dir or HF_HUB_CACHE puts the cache elsewhere)");
            }
        } catch (IOException e) {
            LOG.debug("cannot check free space in {}: {}", p, e.toString());
        }
    }

    static String gigabytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private void fetchAll(CachedRepo repo, RepoListing listing, List<RemoteFile> files, ProgressMeter meter,
                          DownloadListener listener, Cancellation cancel) {
        Cancellation stop = cancel.child();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallelFiles(), Math.max(1, files.size())),
                r -> {
                    Thread t = new Thread(r, "hub-download-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RemoteFile f : files) {
                futures.add(pool.submit(() -> {
                    fetchOne(repo, listing, f, meter, listener, stop);
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> fu : futures) {
                try {
                    fu.get();
                } catch (ExecutionException e) {
                    RuntimeException r = asHubException(e.getCause());
                    if (first == null || isCancel(first) && !isCancel(r)) { // the cause, not the files it stopped
                        first = r;
                    }
                    stop.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.cancel();
                    throw new HubException(HubException.Kind.CANCELLED, "download interrupted; run it again to resume",
                            e);
                }
            }
            if (cancel.isCancelled() && (first == null || isCancel(first))) {
                throw new HubException(HubException.Kind.CANCELLED, listing.repoId()
                        + ": download cancelled; partial files are kept and resume next time");
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isCancel(RuntimeException e) {
        return e instanceof HubException && ((HubException) e).kind() == HubException.Kind.CANCELLED;
    }

    private static RuntimeException asHubException(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof IOException) {
            return new HubException(HubException.Kind.FAILED, "cannot write to the cache: " + t.getMessage(), t);
        }
        return new HubException(HubException.Kind.FAILED, String.valueOf(t), t);
    }

    private void fetchOne(CachedRepo repo, RepoListing listing, RemoteFile f, ProgressMeter meter,
                          DownloadListener listener, Cancellation cancel) throws IOException {
        cancel.check();
        Path pointer = repo.pointer(listing.commit(), f.path());
        Optional<Path> existing = CachedRepo.target(pointer);
        if (existing.isPresent() && verified(existing.get(), f, f.size(), listener)) {
            finish(f, meter, listener, false);
            return;
        }
        if (f.etag() != null && Files.isRegularFile(repo.blob(f.etag()))
                && verified(repo.blob(f.etag()), f, f.size(), listener)) {
            repo.link(repo.blob(f.etag()), pointer, settings.symlinks(), false);
            finish(f, meter, listener, false);
            return;
        }
        Files.deleteIfExists(pointer);
        meter.set(f.path(), 0);
        FileSource src = api.locate(listing, f);
        Path blob = repo.blob(src.etag());
        if (!src.etag().equals(f.etag()) && Files.isRegularFile(blob) && verified(blob, f, src.size(), listener)) {
            repo.link(blob, pointer, settings.symlinks(), false);
            finish(f, meter, listener, false);
            return;
        }
        BlobDownload d = new BlobDownload(api.http, api.context(listing.repoId(), listing.revision()), repo, cancel,
                listener::notice);
        Path got = d.fetch(f, src, delta -> meter.add(f.path(), delta), have -> meter.set(f.path(), have));
        repo.link(got, pointer, settings.symlinks(), true);
        finish(f, meter, listener, true);
    }

    /** Checks a file already on disk; deletes it (and says so) if it does not match. */
    private static boolean verified(Path file, RemoteFile f, long size, DownloadListener listener) throws IOException {
        String bad;
        try {
            bad = Digests.mismatch(file, f, size);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (bad == null) {
            return true;
        }
        listener.notice(f.path() + ": the copy in the cache is corrupt (" + bad + "); deleting it and downloading "
                + "it again");
        Files.deleteIfExists(file);
        return false;
    }

    private static void finish(RemoteFile f, ProgressMeter meter, DownloadListener listener, boolean downloaded) {
        meter.done(f.path());
        listener.fileDone(f.path(), f.size(), downloaded);
    }
}
