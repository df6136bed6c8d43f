package dev.qwenwb.inference.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of this process (Java heap + native), read from {@code /proc/self/status} on Linux. */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

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

    private static long readKb(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
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
