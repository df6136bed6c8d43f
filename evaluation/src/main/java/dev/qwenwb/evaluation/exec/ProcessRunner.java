package dev.qwenwb.evaluation.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program as a child process, for the evaluation's checks and the artifacts pane alike, under
 * {@link Limits}: a wall-clock limit, a CPU-time, a memory and a file-size limit per process, a cap on each output
 * stream
 * and an environment with no inherited secrets ({@code PATH}, {@code HOME}/{@code TMPDIR} = the working folder,
 * a UTF-8 {@code LANG}, a few interpreter settings; no tokens, keys or credentials of the parent).
 *
 * <p>With {@link Isolation#LAUNCHER} (the default where {@code python3} exists) the program runs below a
 * launcher and a watcher in its own session, so {@code os.kill(os.getppid(), 9)} kills the watcher, not the
 * workbench, and is reported as {@link Ending#PARENT_KILLED}; when the program ends or times out, every process
 * below the launcher is killed (on Linux that includes double forks and {@code setsid}, the launcher being a
 * subreaper). If the launcher cannot vouch for that, the runner sweeps itself ({@link Sweep}).
 *
 * <p>This is <b>resource isolation, not a security sandbox</b>: the code runs as the user, can read the user's
 * files, reach the network and, walking up the process tree on purpose, signal the workbench. Run untrusted
 * code in a container or VM.
 */
public final class ProcessRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "QWB_EXEC_ID";
    private static final byte[] STATUS_ROOM = " ".repeat(4096).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Limits limits;
    private final Isolation isolation;
    private final boolean mergeOutput;

    /** @param limits the limits of each run; isolation from {@link Isolation#detect()} */
    public ProcessRunner(Limits limits) {
        this(limits, Isolation.detect(), false);
    }

    /**
     * @param limits the limits of each run
     * @param isolation how to start the program
     * @param mergeOutput whether stderr goes into stdout (one interleaved stream, as a terminal shows it)
     */
    public ProcessRunner(Limits limits, Isolation isolation, boolean mergeOutput) {
        this.limits = limits;
        this.isolation = isolation;
        this.mergeOutput = mergeOutput;
    }

    /** @return a runner like this one that merges stderr into stdout */
    public ProcessRunner mergingOutput() {
        return new ProcessRunner(limits, isolation, true);
    }

    /** @return the limits of each run */
    public Limits limits() {
        return limits;
    }

    /**
     * Runs {@code command} in {@code workDir} with no input and waits until it and everything it started are gone.
     *
     * @param command the program and its arguments
     * @param workDir the working folder, also HOME and TMPDIR
     * @return what happened (never throws for the program's sake: a program that cannot start is
     *         {@link Ending#NOT_STARTED})
     */
    public ExecResult run(List<String> command, Path workDir) {
        long start = System.nanoTime();
        String id = UUID.randomUUID().toString();
        Path status = null;
        try {
            status = Files.createTempFile("qwb-exec-", ".json");
            // room for the launcher's report, taken now: it overwrites these bytes in place, so a program that
            // filled the disk cannot keep the report from being written
            Files.write(status, STATUS_ROOM);
            ProcessBuilder pb = new ProcessBuilder(Launcher.command(isolation, command, status, limits))
                    .directory(workDir.toFile()).redirectErrorStream(mergeOutput);
            environment(pb.environment(), workDir, id);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return notStarted("cannot start " + command.get(0) + ": " + e.getMessage(), start);
            }
            return watch(p, status, new Sweep(MARKER + "=" + id), start);
        } catch (IOException e) {
            return notStarted("cannot prepare the run: " + e.getMessage(), start);
        } finally {
            if (status != null) {
                try {
                    Files.deleteIfExists(status);
                    Files.deleteIfExists(Path.of(status + ".part"));
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    private ExecResult watch(Process p, Path statusFile, Sweep sweep, long start) throws IOException {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        OutputCapture out = new OutputCapture(p.getInputStream(), limits.outputCap(), "exec-stdout");
        OutputCapture err = new OutputCapture(p.getErrorStream(), limits.outputCap(), "exec-stderr");
        long deadline = start + limits.wallTime().toNanos();
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            while (!p.waitFor(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS)) {
                sweep.track(p.toHandle());
                if (System.nanoTime() >= deadline) {
                    timedOut = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
        }
        if (timedOut || cancelled) {
            sweep.track(p.toHandle());
            p.destroy(); // SIGTERM: the launcher kills everything below it, then exits
            if (!waitQuietly(p, 5000)) {
                p.destroyForcibly();
                waitQuietly(p, 2000);
            }
        }
        JsonNode st = readStatus(statusFile);
        boolean clean = isolation == Isolation.LAUNCHER && st.path("clean").asBoolean(false);
        int leftovers = st.path("leftover").asInt(0);
        if (!clean) {
            leftovers += sweep.killAll();
        }
        out.await(clean ? 10_000 : 2000);
        err.await(clean ? 10_000 : 2000);
        if (cancelled) {
            Thread.currentThread().interrupt();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Ending ending;
        int code = -1;
        int signal = 0;
        String problem = null;
        if (timedOut || cancelled) {
            ending = Ending.TIMED_OUT;
            problem = cancelled ? "cancelled" : null;
        } else if (isolation != Isolation.LAUNCHER) {
            ending = Ending.EXITED;
            code = p.exitValue();
        } else if (st.has("start_error")) {
            ending = Ending.NOT_STARTED;
            problem = "cannot start " + st.get("start_error").asText();
        } else if (st.has("parent_killed")) {
            ending = Ending.PARENT_KILLED;
            signal = st.get("parent_killed").asInt();
        } else if (st.has("signal")) {
            ending = Ending.SIGNALLED;
            signal = st.get("signal").asInt();
        } else if (st.has("exit")) {
            ending = Ending.EXITED;
            code = st.get("exit").asInt();
        } else {
            ending = Ending.LAUNCHER_LOST;
        }
        return new ExecResult(ending, code, signal, out.text(), err.text(), out.dropped(), err.dropped(),
                leftovers, problem, ms, limits);
    }

    private static void environment(Map<String, String> env, Path workDir, String id) {
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
        env.put(MARKER, id);
    }

    private static JsonNode readStatus(Path file) {
        try {
            String s = Files.readString(file);
            return s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static boolean waitQuietly(Process p, long millis) {
        try {
            return p.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private ExecResult notStarted(String problem, long start) {
        return new ExecResult(Ending.NOT_STARTED, -1, 0, "", "", 0, 0, 0, problem,
                (System.nanoTime() - start) / 1_000_000, limits);
    }
}
