package dev.qwenwb.evaluation.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process with a time limit, capped output and a scrubbed environment.
 *
 * <p>The environment holds only {@code PATH}, {@code HOME}/{@code TMPDIR} (the working folder), a UTF-8
 * locale and a few interpreter settings: no API keys, tokens or credentials of the parent. On overrun the whole
 * process tree is killed. This is <b>isolation, not a security sandbox</b>: the child can still read the user's
 * files and use the network. Run untrusted code in a container or VM.
 */
public final class ProcessRunner {

    private final Duration timeout;
    private final int outputCap;

    /**
     * @param timeout wall-clock limit
     * @param outputCap bytes kept of each of stdout and stderr (the rest is read and dropped)
     */
    public ProcessRunner(Duration timeout, int outputCap) {
        this.timeout = timeout;
        this.outputCap = outputCap;
    }

    /**
     * Runs {@code command} in {@code workDir} with no input.
     *
     * @param command the program and its arguments
     * @param workDir the working folder, also HOME and TMPDIR
     * @return what happened
     * @throws UncheckedIOException if the program cannot be started
     */
    public ExecResult run(List<String> command, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        String systemRoot = env.get("SystemRoot");
        env.clear();
        env.put("PATH", path);
        if (systemRoot != null) {
            env.put("SystemRoot", systemRoot);
        }
        env.put("HOME", workDir.toString());
        env.put("TMPDIR", workDir.toString());
        env.put("LANG", "C.UTF-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONHASHSEED", "0");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("NODE_OPTIONS", "--unhandled-rejections=strict");
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child may already be gone
        }
        Capture out = new Capture(p.getInputStream(), outputCap);
        Capture err = new Capture(p.getErrorStream(), outputCap);
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            killTree(p);
        }
        String o = out.text();
        String e = err.text();
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new ExecResult(done ? p.exitValue() : -1, o, e, !done, ms);
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains one stream on its own thread, keeping the first {@code cap} bytes. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;
        private boolean truncated;

        Capture(InputStream in, int cap) {
            thread = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (kept) {
                            int room = cap - kept.size();
                            if (room > 0) {
                                kept.write(buf, 0, Math.min(room, n));
                            }
                            truncated |= n > room;
                        }
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "exec-capture");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (kept) {
                String s = kept.toString(StandardCharsets.UTF_8);
                return truncated ? s + "\n[output truncated]" : s;
            }
        }
    }
}
