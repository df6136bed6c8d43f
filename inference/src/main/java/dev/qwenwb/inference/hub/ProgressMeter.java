package dev.qwenwb.inference.hub;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds up the bytes of a download's files and turns them into {@link DownloadProgress} events: speed over the last
 * five seconds, ETA at that speed, at most ten events a second (plus one per completed file). Thread-safe.
 */
final class ProgressMeter {

    private static final long EMIT_NANOS = 100_000_000L;
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final DownloadListener listener;
    private final Map<String, long[]> files = new HashMap<>(); // path -> {have, size}
    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, fetched}
    private final long totalBytes;
    private final int filesTotal;
    private long doneBytes;
    private long fetched;
    private int filesDone;
    private long lastEmit = Long.MIN_VALUE;

    ProgressMeter(DownloadPlan plan, DownloadListener listener) {
        this.listener = listener;
        this.totalBytes = plan.totalBytes();
        this.filesTotal = plan.files().size();
        for (DownloadPlan.PlannedFile f : plan.files()) {
            files.put(f.path(), new long[] {f.have(), f.size()});
            doneBytes += f.have();
        }
    }

    /** {@code delta} bytes of {@code path} arrived (negative: a restart from zero threw them away). */
    void add(String path, long delta) {
        DownloadProgress p;
        synchronized (this) {
            long[] f = files.computeIfAbsent(path, k -> new long[] {0, -1});
            f[0] += delta;
            doneBytes += delta;
            fetched += Math.max(0, delta);
            long now = System.nanoTime();
            if (now - lastEmit < EMIT_NANOS) {
                return;
            }
            p = snapshot(path, now);
        }
        listener.progress(p);
    }

    /** The file's bytes on disk are now {@code have} (e.g. a partial file found bigger or smaller than planned). */
    void set(String path, long have) {
        synchronized (this) {
            long[] f = files.computeIfAbsent(path, k -> new long[] {0, -1});
            doneBytes += have - f[0];
            f[0] = have;
        }
    }

    /** {@code path} is complete. */
    void done(String path) {
        DownloadProgress p;
        synchronized (this) {
            long[] f = files.get(path);
            if (f != null && f[1] >= 0 && f[0] != f[1]) {
                doneBytes += f[1] - f[0];
                f[0] = f[1];
            }
            filesDone++;
            p = snapshot(path, System.nanoTime());
        }
        listener.progress(p);
    }

    private DownloadProgress snapshot(String path, long now) {
        lastEmit = now;
        samples.addLast(new long[] {now, fetched});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double seconds = (now - first[0]) / 1e9;
        double speed = seconds > 0.05 ? (fetched - first[1]) / seconds : 0;
        long left = Math.max(0, totalBytes - doneBytes);
        long eta = left == 0 ? 0 : speed > 1 ? (long) Math.ceil(left / speed) : -1;
        long[] f = files.getOrDefault(path, new long[] {0, -1});
        return new DownloadProgress(path, f[0], f[1], doneBytes, totalBytes, speed, eta, filesDone, filesTotal);
    }
}
