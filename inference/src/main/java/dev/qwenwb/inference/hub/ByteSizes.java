package dev.qwenwb.inference.hub;

import java.util.Locale;

/** Sizes, speeds and durations as download lists show them (decimal units, as the Hub shows sizes). */
public final class ByteSizes {

    private ByteSizes() {
    }

    /** @return e.g. {@code 988.1 MB}, {@code 3.09 GB}, {@code 617 B}; {@code ?} for a negative (unknown) size */
    public static String human(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1_000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    /** @return e.g. {@code 12.3 MB/s} */
    public static String speed(double bytesPerSecond) {
        return human((long) bytesPerSecond) + "/s";
    }

    /** @return {@code m:ss} or {@code h:mm:ss}; {@code --:--} when unknown (negative) */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "--:--";
        }
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** @return a parameter count as {@code 494M}, {@code 1.54B}; {@code ?} when unknown */
    public static String parameters(long n) {
        if (n < 0) {
            return "?";
        }
        if (n >= 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2fB", n / 1e9);
        }
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.0fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
}
