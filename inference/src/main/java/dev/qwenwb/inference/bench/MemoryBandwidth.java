package dev.qwenwb.inference.bench;

import java.util.stream.IntStream;

/**
 * A STREAM-style triad ({@code a[i] = b[i] + s·c[i]}) over arrays far larger than the caches, on a given number of
 * threads: the memory bandwidth a memory-bound decode can hope for on this machine, measured at the same time.
 * Counts 3 × 8 bytes per element (two reads, one write), as STREAM does.
 */
public final class MemoryBandwidth {

    private MemoryBandwidth() {
    }

    /** Best of {@code repeats} triads over {@code mib} MiB per array, in GB/s (10⁹ bytes). */
    public static double triadGbPerS(int threads, int mib, int repeats) {
        int n = mib * 1024 * 1024 / 8;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
        int parts = Math.max(1, threads);
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(parts);
        try {
            double best = 0;
            for (int r = 0; r < repeats + 1; r++) { // the first pass warms up the JIT
                long t0 = System.nanoTime();
                pool.submit(() -> IntStream.range(0, parts).parallel().forEach(p -> {
                    int from = (int) ((long) n * p / parts);
                    int to = (int) ((long) n * (p + 1) / parts);
                    for (int i = from; i < to; i++) {
                        a[i] = b[i] + 3.0 * c[i];
                    }
                })).join();
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    best = Math.max(best, 3.0 * 8 * n / s / 1e9);
                }
            }
            if (a[n / 2] != 7.0) {
                throw new IllegalStateException("triad computed a wrong value");
            }
            return best;
        } finally {
            pool.shutdown();
        }
    }
}
