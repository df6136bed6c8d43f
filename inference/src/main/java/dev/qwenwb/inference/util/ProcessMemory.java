package dev.qwenwb.inference.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of this process (Java heap + native), read from {@code /proc/self/status} on Linux, and the memory
 * the system has left for it.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    private ProcessMemory() {
    }

    /** Peak resident set size in MiB (VmHWM), or -1 where the platform does not say. */
    public static long peakRssMb() {
        return toMb(readKb("VmHWM:"));
    }

    /** Current resident set size in MiB (VmRSS), or -1 where the platform does not say. */
    public static long rssMb() {
        return toMb(readKb("VmRSS:"));
    }

    /**
     * Resets the peak (VmHWM) to the current resident size, so a benchmark run reports its own peak; returns
     * false where the platform does not allow it (Linux only: {@code /proc/self/clear_refs}).
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Memory this process could still take without swapping, in bytes: Linux's {@code MemAvailable}, less where a
     * cgroup (a container's limit) leaves less; elsewhere the free physical memory the JVM reports; -1 if unknown.
     */
    public static long availableBytes() {
        long kb = readKb(MEMINFO, "MemAvailable:");
        if (kb < 0) {
            return osFreeBytes();
        }
        long available = kb * 1024;
        long limit = readLong(CGROUP.resolve("memory.max"));
        long current = readLong(CGROUP.resolve("memory.current"));
        if (limit > 0 && current >= 0) {
            available = Math.min(available, Math.max(0, limit - current));
        }
        return available;
    }

    private static long osFreeBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getFreeMemorySize();
        }
        return -1;
    }

    /** A file holding one number ({@code max} or missing: -1). */
    private static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long readKb(String key) {
        return readKb(STATUS, key);
    }

    private static long readKb(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: unknown
        }
        return -1;
    }

    private static long toMb(long kb) {
        return kb < 0 ? -1 : kb / 1024;
    }
}
