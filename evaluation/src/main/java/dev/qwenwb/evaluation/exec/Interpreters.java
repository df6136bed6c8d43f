package dev.qwenwb.evaluation.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds interpreters ({@code python3}, {@code node}) on the {@code PATH}, the way a shell would. */
public final class Interpreters {

    private Interpreters() {
    }

    /**
     * @param names candidate executable names, first match wins (e.g. {@code python3}, {@code python})
     * @return the executable's path, or empty if none is on the PATH
     */
    public static Optional<Path> find(List<String> names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        for (String name : names) {
            if (name.contains("/") || name.contains(File.separator)) {
                Path p = Path.of(name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                continue;
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                for (String n : windows ? List.of(name + ".exe", name + ".cmd", name) : List.of(name)) {
                    Path p = Path.of(dir, n);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
