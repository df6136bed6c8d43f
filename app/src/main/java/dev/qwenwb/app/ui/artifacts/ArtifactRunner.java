package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python or JavaScript artifact as a child process in a temporary folder, with a time limit, capped
 * output and a minimal environment. This is isolation, not a security sandbox: the code runs as the user.
 */
public final class ArtifactRunner {

    private final Duration timeLimit;
    private final int outputCap;

    /** A runner killing processes after {@code timeLimit} and keeping at most {@code outputCap} characters. */
    public ArtifactRunner(Duration timeLimit, int outputCap) {
        this.timeLimit = timeLimit;
        this.outputCap = outputCap;
    }

    /** Runs {@code code} (blocking: call it off the FX thread). */
    public RunResult run(String language, String code) {
        List<String> command;
        String file;
        if (language.equals("python")) {
            command = List.of("python3", "main.py");
            file = "main.py";
        } else if (language.equals("javascript")) {
            command = List.of("node", "main.js");
            file = "main.js";
        } else {
            return new RunResult(-1, "", false, "only Python and JavaScript artifacts can run");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qwen-artifact");
            Files.writeString(dir.resolve(file), code);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            String path = System.getenv("PATH");
            pb.environment().clear(); // no inherited secrets
            pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
            pb.environment().put("HOME", dir.toString());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new RunResult(-1, "", false, command.get(0) + " was not found on PATH: install it to run "
                        + language + " artifacts");
            }
            p.getOutputStream().close();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> read(p.getInputStream(), out), "artifact-output");
            reader.setDaemon(true);
            reader.start();
            boolean finished = p.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroy();
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            }
            reader.join(1000);
            synchronized (out) {
                return new RunResult(finished ? p.exitValue() : -1, out.toString(), !finished, null);
            }
        } catch (IOException e) {
            return new RunResult(-1, "", false, "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunResult(-1, "", false, "interrupted");
        } finally {
            FileTrees.deleteTreeQuietly(dir);
        }
    }

    private void read(InputStream in, StringBuilder out) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    if (out.length() < outputCap) {
                        String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                        out.append(s, 0, Math.min(s.length(), outputCap - out.length()));
                        if (out.length() >= outputCap) {
                            out.append("\n… output cut at ").append(outputCap).append(" characters");
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }
}
