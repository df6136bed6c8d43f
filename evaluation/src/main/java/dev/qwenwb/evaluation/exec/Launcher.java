package dev.qwenwb.evaluation.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the command line that starts a program under an {@link Isolation}. */
final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /**
     * {@code sh -c SCRIPT sh KB CPU_S BLOCKS PROGRAM…}: limits (the file size in POSIX 512-byte blocks), then the
     * program in a new session where setsid exists.
     */
    private static final String SHELL_SCRIPT = "ulimit -c 0 2>/dev/null; "
            + "if [ \"$1\" -gt 0 ]; then ulimit -v \"$1\" 2>/dev/null; fi; "
            + "if [ \"$2\" -gt 0 ]; then ulimit -t \"$2\" 2>/dev/null; fi; "
            + "if [ \"$3\" -gt 0 ]; then ulimit -f \"$3\" 2>/dev/null; fi; shift 3; "
            + "if command -v setsid >/dev/null 2>&1; then exec setsid -w -f \"$@\"; fi; exec \"$@\"";

    private static volatile Optional<String> python;
    private static volatile String source;

    private Launcher() {
    }

    /**
     * @param isolation how to start it
     * @param program the program and its arguments
     * @param status the file the launcher writes how it ended into ({@link Isolation#LAUNCHER})
     * @param limits its limits
     * @return the command to start
     */
    static List<String> command(Isolation isolation, List<String> program, Path status, Limits limits) {
        List<String> c = new ArrayList<>();
        switch (isolation) {
            case LAUNCHER:
                c.addAll(List.of(python().orElseThrow(() -> new IllegalStateException("no python3 for the launcher")),
                        "-I", "-S", "-c", source(), status.toString(), Long.toString(limits.memoryBytes()),
                        Long.toString(limits.cpuSeconds()), Long.toString(limits.fileSizeBytes())));
                break;
            case SHELL:
                c.addAll(List.of("/bin/sh", "-c", SHELL_SCRIPT, "sh", Long.toString(limits.memoryBytes() >> 10),
                        Long.toString(limits.cpuSeconds()), Long.toString((limits.fileSizeBytes() + 511) / 512)));
                break;
            default:
                break;
        }
        c.addAll(program);
        return c;
    }

    /**
     * The real Python 3 executable (not a pyenv shim) that runs the launcher, asked once per JVM.
     *
     * @return its path, or empty if there is no Python 3
     */
    static Optional<String> python() {
        Optional<String> p = python;
        if (p == null) {
            p = probe();
            python = p;
        }
        return p;
    }

    private static Optional<String> probe() {
        Optional<Path> exe = Interpreters.find(List.of("python3"));
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(exe.get().toString(), "-I", "-S", "-c",
                    "import sys; print(sys.executable if sys.version_info >= (3, 6) else '')")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(4096);
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String path = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() == 0 && !path.isEmpty() && Files.isExecutable(Path.of(path))) {
                return Optional.of(path);
            }
            LOG.warn("{} cannot run the process launcher: {}", exe.get(), path);
        } catch (IOException e) {
            LOG.warn("cannot run {}: {}", exe.get(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static String source() {
        String s = source;
        if (s == null) {
            try (InputStream in = Launcher.class.getResourceAsStream("launcher.py")) {
                if (in == null) {
                    throw new IllegalStateException("launcher.py is missing from the build");
                }
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = s;
        }
        return s;
    }
}
