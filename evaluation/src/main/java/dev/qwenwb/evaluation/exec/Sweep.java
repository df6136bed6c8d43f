package dev.qwenwb.evaluation.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JVM's own sweep, for when the launcher could not vouch that nothing is left: every descendant the runner
 * saw while the program ran (same pid and start time, so a reused pid is spared) and, on Linux, every process
 * whose environment carries the run's marker ({@code /proc/PID/environ}).
 */
final class Sweep {

    private static final Path PROC = Path.of("/proc");

    private final byte[] marker;
    private final Map<Long, Optional<Instant>> seen = new HashMap<>();

    /** @param marker the {@code NAME=value} the run's environment carries */
    Sweep(String marker) {
        this.marker = (marker + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /** Remembers the descendants of {@code root} alive now. */
    void track(ProcessHandle root) {
        root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h.info().startInstant()));
    }

    /**
     * Kills, a few rounds over, whatever is still alive of what was seen or carries the marker.
     *
     * @return how many processes it killed
     */
    int killAll() {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> alive = new ArrayList<>();
            for (Map.Entry<Long, Optional<Instant>> e : seen.entrySet()) {
                ProcessHandle.of(e.getKey()).filter(ProcessHandle::isAlive)
                        .filter(h -> e.getValue().isEmpty() || h.info().startInstant().equals(e.getValue()))
                        .ifPresent(alive::add);
            }
            marked(alive);
            if (alive.isEmpty()) {
                break;
            }
            for (ProcessHandle h : alive) {
                h.descendants().forEach(d -> seen.putIfAbsent(d.pid(), d.info().startInstant()));
                if (h.destroyForcibly()) {
                    killed.add(h.pid());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return killed.size();
    }

    private void marked(List<ProcessHandle> into) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return;
        }
        long me = ProcessHandle.current().pid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path d : dirs) {
                long pid = Long.parseLong(d.getFileName().toString());
                if (pid == me || into.stream().anyMatch(h -> h.pid() == pid)) {
                    continue;
                }
                byte[] env;
                try {
                    env = Files.readAllBytes(d.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue; // gone, or not ours
                }
                if (contains(env, marker)) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(into::add);
                }
            }
        } catch (IOException e) {
            // no /proc to read
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
