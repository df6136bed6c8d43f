package dev.qwenwb.inference.hub;

import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file into {@code blobs/{etag}}: appends to {@code blobs/{etag}.incomplete}, resuming from its length
 * with {@code Range: bytes=N-} (also after a restart: the sha256 of the bytes already there is computed first);
 * a dropped or stalled connection is retried after a back-off (1 s, 2 s, 4 s, …; the count resets whenever data
 * arrived) and resumed; a server that ignores the Range (200 instead of 206) restarts the file from zero. Only
 * when the size and the listed digest match is the partial file moved to its blob name; on a mismatch it is
 * deleted and the failure says so.
 */
final class BlobDownload {

    private static final Logger LOG = LoggerFactory.getLogger(BlobDownload.class);

    private final HubHttp http;
    private final HubErrors.Context ctx;
    private final CachedRepo repo;
    private final Cancellation cancel;
    private final Consumer<String> notice;

    BlobDownload(HubHttp http, HubErrors.Context ctx, CachedRepo repo, Cancellation cancel, Consumer<String> notice) {
        this.http = http;
        this.ctx = ctx;
        this.repo = repo;
        this.cancel = cancel;
        this.notice = notice;
    }

    /** A failure worth another attempt: a broken or stalled connection, a server error. */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;

        Retry(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param file     what the listing says about the file (digests)
     * @param src      where to fetch it, its blob name and size
     * @param progress told each chunk's size (negative when bytes are thrown away)
     * @param resumed  told the bytes found in a partial file before the first request
     * @return the verified blob
     */
    Path fetch(RemoteFile file, FileSource src, LongConsumer progress, LongConsumer resumed) throws IOException {
        Path blob = repo.blob(src.etag());
        Path part = repo.incomplete(src.etag());
        Files.createDirectories(repo.blobs());
        try (BlobLock lock = BlobLock.acquire(repo.lock(src.etag()), cancel,
                () -> notice.accept(file.path() + ": waiting for another download of the same file"))) {
            if (Files.isRegularFile(blob) && Digests.mismatch(blob, file, src.size()) == null) {
                return blob; // another download finished it while we waited
            }
            long size = src.size();
            MessageDigest sha = file.sha256() != null ? Digests.sha256() : null;
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                long have = ch.size();
                if (size >= 0 && have > size) {
                    ch.truncate(0);
                    have = 0;
                }
                if (have > 0 && sha != null) {
                    Digests.update(sha, part, have);
                }
                resumed.accept(have);
                if (have > 0) {
                    LOG.info("{}: resuming at byte {} of {}", file.path(), have, size);
                }
                download(file, src, ch, have, sha, progress);
                ch.force(true);
            }
            String bad = verify(part, file, size, sha);
            if (bad != null) {
                Files.deleteIfExists(part);
                throw new HubException(HubException.Kind.VERIFY, ctx.repoId() + ": " + file.path()
                        + " failed verification (" + bad + "); the download was deleted, run again to fetch it afresh");
            }
            FileTrees.moveReplacing(part, blob);
            return blob;
        }
    }

    private static String verify(Path part, RemoteFile file, long size, MessageDigest sha) throws IOException {
        long got = Files.size(part);
        if (size >= 0 && got != size) {
            return "size " + got + " bytes, expected " + size;
        }
        if (sha != null) {
            String h = Digests.hex(sha);
            return h.equals(file.sha256()) ? null : "sha256 " + h + ", expected " + file.sha256();
        }
        return Digests.mismatch(part, file, size);
    }

    private void download(RemoteFile file, FileSource src, FileChannel ch, long start, MessageDigest sha,
                          LongConsumer progress) throws IOException {
        HubSettings s = http.settings();
        long have = start;
        int failures = 0;
        while (src.size() < 0 || have < src.size()) {
            cancel.check();
            long before = have;
            BlobWriter w = new BlobWriter(ch, have, sha, progress);
            try {
                boolean complete = attempt(file, src, w);
                have = w.position();
                if (complete && (src.size() < 0 || have == src.size())) {
                    return;
                }
                throw new Retry("the connection closed after " + have + " of " + src.size() + " bytes", null);
            } catch (Retry e) {
                have = w.position();
                failures = have > before ? 1 : failures + 1;
                if (failures > s.retries()) {
                    throw new HubException(HubException.Kind.NETWORK, ctx.repoId() + ": " + file.path() + ": "
                            + e.getMessage() + "; gave up after " + s.retries() + " retries ("
                            + have + " of " + src.size() + " bytes kept: run again to resume)", e.getCause());
                }
                long wait = Math.min(30_000, Math.max(1, s.backoff().toMillis()) << Math.min(failures - 1, 10));
                notice.accept(file.path() + ": " + e.getMessage() + "; retrying in " + fmtMillis(wait)
                        + " from byte " + have);
                cancel.sleep(wait);
            }
        }
    }

    /**
     * One GET, following redirects by hand (the token only to the endpoint's host).
     *
     * @return true if a whole body arrived (206 or 200)
     */
    private boolean attempt(RemoteFile file, FileSource src, BlobWriter w) throws Retry, IOException {
        URI at = src.url();
        for (int hop = 0; hop <= HubHttp.MAX_REDIRECTS; hop++) {
            long from = w.position();
            HttpRequest.Builder rb = http.request(at).GET();
            if (from > 0) {
                rb.header("Range", "bytes=" + from + "-");
            }
            boolean[] html = {false};
            HttpResponse.BodyHandler<String> handler = info -> {
                int st = info.statusCode();
                String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                boolean page = type.contains("text/html") && !file.path().toLowerCase(Locale.ROOT).endsWith(".html");
                if ((st == 200 || st == 206) && page) {
                    html[0] = true;
                    return HttpResponse.BodySubscribers.replacing("");
                }
                if (st == 206 && from > 0 && rangeStart(info.headers().firstValue("Content-Range")) == from
                        || st == 200 && from == 0) {
                    return HttpResponse.BodySubscribers.fromSubscriber(w, x -> "");
                }
                if (st == 200) { // the Range was ignored: the whole file comes
                    try {
                        w.restartFromZero();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    notice.accept(file.path() + ": the server ignored the byte range; downloading it from the start");
                    return HttpResponse.BodySubscribers.fromSubscriber(w, x -> "");
                }
                if (st == 206) {
                    return HttpResponse.BodySubscribers.replacing("bad-range");
                }
                return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
            };
            HttpResponse<String> r = await(http.client().sendAsync(rb.build(), handler), w, at);
            int st = r.statusCode();
            Optional<URI> next = HubHttp.redirect(r, at);
            if (next.isPresent()) {
                at = next.get();
                continue;
            }
            if (html[0]) {
                throw HubErrors.html(ctx, at, "");
            }
            if (st == 200 || st == 206) {
                if ("bad-range".equals(r.body())) {
                    throw new Retry(at.getHost() + " answered a different byte range than asked", null);
                }
                return true;
            }
            if (st == 416 && from > 0) { // our partial file does not fit this blob: start over
                w.restartFromZero();
                throw new Retry(at.getHost() + " refused to resume at byte " + from, null);
            }
            if (HubErrors.retryable(st)) {
                throw new Retry(at.getHost() + " answered HTTP " + st, null);
            }
            throw HubErrors.forStatus(ctx, st, r.headers(), r.body(), file.path());
        }
        throw http.tooManyRedirects(src.url());
    }

    /** Waits for the response, dropping it when cancelled or when no data came for the idle timeout. */
    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> f, BlobWriter w, URI at)
            throws Retry, IOException {
        long idle = http.settings().idleTimeout().toNanos();
        while (true) {
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancel.isCancelled()) {
                    w.abort();
                    f.cancel(true);
                    cancel.check();
                }
                if (w.failure() != null) {
                    w.abort();
                    f.cancel(true);
                    throw w.failure();
                }
                if (w.idleNanos() > idle) {
                    w.abort();
                    f.cancel(true);
                    throw new Retry("no data from " + at.getHost() + " for "
                            + fmtMillis(idle / 1_000_000) + " (stalled connection)", null);
                }
            } catch (ExecutionException e) {
                w.abort();
                Throwable c = e.getCause();
                if (w.failure() != null) {
                    throw w.failure();
                }
                if (c instanceof HubException) {
                    throw (HubException) c;
                }
                if (c instanceof java.io.UncheckedIOException) {
                    throw ((java.io.UncheckedIOException) c).getCause();
                }
                if (c instanceof IOException) {
                    String why = HubHttp.network(at, c).getMessage();
                    throw new Retry(why.substring(0, why.indexOf(" (check") > 0 ? why.indexOf(" (check") : why.length()),
                            c);
                }
                throw new IOException(c);
            } catch (InterruptedException e) {
                w.abort();
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new HubException(HubException.Kind.CANCELLED, "download interrupted; run it again to resume", e);
            }
        }
    }

    private static long rangeStart(Optional<String> contentRange) {
        // "bytes 100-199/200"
        if (contentRange.isEmpty()) {
            return -1;
        }
        String v = contentRange.get().trim();
        int sp = v.indexOf(' ');
        int dash = v.indexOf('-');
        try {
            return sp > 0 && dash > sp ? Long.parseLong(v.substring(sp + 1, dash).trim()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String fmtMillis(long ms) {
        return ms < 1000 ? ms + " ms" : ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
