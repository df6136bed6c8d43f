package dev.qwenwb.evaluation.exec;

import java.time.Duration;

/**
 * What one child process may use.
 *
 * @param wallTime wall-clock limit; past it every process of the run is killed
 * @param cpuTime CPU-time limit per process ({@code RLIMIT_CPU}; 0 = none): bounds a busy loop even in a
 *                process that outlived everything else
 * @param memoryBytes address-space limit per process ({@code RLIMIT_AS}; 0 = none)
 * @param outputCap bytes kept of each of stdout and stderr; the rest is read, counted and dropped
 * @param fileSizeBytes largest file a process may write ({@code RLIMIT_FSIZE}; 0 = none): a program that writes
 *                      past it is stopped ({@code SIGXFSZ}, or its write fails with {@code EFBIG}) instead of
 *                      filling the disk
 */
public record Limits(Duration wallTime, Duration cpuTime, long memoryBytes, int outputCap, long fileSizeBytes) {

    /** The memory limit when neither the caller nor {@code -Dworkbench.exec.memoryMb} says otherwise: 2 GB. */
    public static final long DEFAULT_MEMORY_BYTES = 2048L << 20;

    /** The output cap unless the caller says otherwise: 1 MB per stream. */
    public static final int DEFAULT_OUTPUT_CAP = 1 << 20;

    /** The file-size limit when neither the caller nor {@code -Dworkbench.exec.fileSizeMb} says otherwise: 256 MB. */
    public static final long DEFAULT_FILE_SIZE_BYTES = 256L << 20;

    /** Checks the ranges. */
    public Limits {
        if (wallTime.isNegative() || wallTime.isZero() || cpuTime.isNegative() || memoryBytes < 0 || outputCap < 0
                || fileSizeBytes < 0) {
            throw new IllegalArgumentException("limits must be positive: " + wallTime + ", " + cpuTime + ", "
                    + memoryBytes + ", " + outputCap + ", " + fileSizeBytes);
        }
    }

    /**
     * The defaults for a wall-clock limit: CPU time one second more than it, the default memory limit
     * ({@code -Dworkbench.exec.memoryMb=N} overrides it, 0 = none), a 1 MB cap on each stream and the default
     * file-size limit ({@code -Dworkbench.exec.fileSizeMb=N}, 0 = none).
     *
     * @param wallTime the wall-clock limit
     * @return those limits
     */
    public static Limits of(Duration wallTime) {
        long mb = Long.getLong("workbench.exec.memoryMb", DEFAULT_MEMORY_BYTES >> 20);
        long fileMb = Long.getLong("workbench.exec.fileSizeMb", DEFAULT_FILE_SIZE_BYTES >> 20);
        return new Limits(wallTime, wallTime.plusSeconds(1), Math.max(0, mb) << 20, DEFAULT_OUTPUT_CAP,
                Math.max(0, fileMb) << 20);
    }

    /** @return these limits with another memory limit (bytes, 0 = none) */
    public Limits withMemoryBytes(long bytes) {
        return new Limits(wallTime, cpuTime, bytes, outputCap, fileSizeBytes);
    }

    /** @return these limits with another CPU-time limit (zero = none) */
    public Limits withCpuTime(Duration cpu) {
        return new Limits(wallTime, cpu, memoryBytes, outputCap, fileSizeBytes);
    }

    /** @return these limits with another output cap per stream */
    public Limits withOutputCap(int bytes) {
        return new Limits(wallTime, cpuTime, memoryBytes, bytes, fileSizeBytes);
    }

    /** @return these limits with another file-size limit (bytes, 0 = none) */
    public Limits withFileSizeBytes(long bytes) {
        return new Limits(wallTime, cpuTime, memoryBytes, outputCap, bytes);
    }

    /** @return whole seconds of CPU time, rounded up; 0 = none */
    long cpuSeconds() {
        return cpuTime.isZero() ? 0 : Math.max(1, (cpuTime.toMillis() + 999) / 1000);
    }
}
