package dev.qwenwb.evaluation.exec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a child process did.
 *
 * @param ending how the run ended
 * @param exitCode the program's exit code ({@link Ending#EXITED}), else -1
 * @param signal the signal that killed it ({@link Ending#SIGNALLED}, {@link Ending#PARENT_KILLED}: the signal
 *               the watcher died of), else 0
 * @param stdout captured standard output, at most {@link Limits#outputCap} bytes
 * @param stderr captured standard error, likewise (empty when it was merged into stdout)
 * @param stdoutDropped bytes of stdout read past the cap and dropped
 * @param stderrDropped bytes of stderr read past the cap and dropped
 * @param leftovers processes still running after the program ended (or at the time-out), all killed
 * @param problem why it could not start ({@link Ending#NOT_STARTED}), {@code cancelled} when the calling
 *                thread was interrupted ({@link Ending#TIMED_OUT}), else null
 * @param millis wall-clock time
 * @param limits the limits it ran under
 */
public record ExecResult(Ending ending, int exitCode, int signal, String stdout, String stderr, long stdoutDropped,
                         long stderrDropped, int leftovers, String problem, long millis, Limits limits) {

    private static final Pattern FILE_TOO_LARGE = Pattern.compile("EFBIG|File too large");
    private static final int SIGXFSZ = 25;
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("MemoryError|out of memory|Cannot allocate memory"
            + "|std::bad_alloc|Failed to reserve virtual memory");

    /** @return whether the wall-clock limit killed it */
    public boolean timedOut() {
        return ending == Ending.TIMED_OUT;
    }

    /** @return whether the program ran and exited with 0 */
    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode == 0;
    }

    /**
     * @return whether the program's end looks like the memory limit: an allocation failure message on stderr
     *         (Python's {@code MemoryError}, V8's "out of memory", …) with a limit in force
     */
    public boolean outOfMemory() {
        return limits.memoryBytes() > 0 && (ending == Ending.EXITED || ending == Ending.SIGNALLED)
                && exitCode != 0 && (OUT_OF_MEMORY.matcher(stderr).find() || OUT_OF_MEMORY.matcher(tail(stdout)).find());
    }

    /**
     * @return whether the program wrote past the file-size limit: killed by {@code SIGXFSZ} (below the shell
     *         fallback, {@code setsid -w} reports that as exit code 128 + 25), or (a program that ignores that
     *         signal, as Node does) failed with {@code EFBIG} / "File too large" on stderr
     */
    public boolean fileSizeLimitReached() {
        if (limits.fileSizeBytes() <= 0) {
            return false;
        }
        return ending == Ending.SIGNALLED && signal == SIGXFSZ
                || ending == Ending.EXITED && (exitCode == 128 + SIGXFSZ
                || exitCode != 0 && FILE_TOO_LARGE.matcher(stderr).find());
    }

    /** @return whether the CPU-time limit killed it ({@code SIGXCPU}, or {@code SIGKILL} at the hard limit) */
    public boolean cpuLimitReached() {
        return ending == Ending.SIGNALLED && signal == 24;
    }

    /**
     * One line saying how the run ended, in words a person understands: "exit code 1", "timed out after 3 s
     * (all its processes were killed)", "the code killed its parent process (signal 9): …", "out of memory
     * (limit 2048 MB)", "CPU time limit of 11 s reached", "file size limit exceeded (limit 256 MB)", plus how many left-over processes were killed.
     *
     * @return that line
     */
    public String describe() {
        String s;
        switch (ending) {
            case NOT_STARTED:
                s = problem;
                break;
            case TIMED_OUT:
                s = (problem != null ? problem : "timed out after " + seconds(limits.wallTime().toMillis()) + " s")
                        + " (all its processes were killed)";
                break;
            case PARENT_KILLED:
                s = "the code killed its parent process (signal " + signal + "); the workbench was not affected";
                break;
            case LAUNCHER_LOST:
                s = "the code killed the process launcher; its processes were swept";
                break;
            case SIGNALLED:
                s = outOfMemory() ? memory() : cpuLimitReached() ? "CPU time limit of " + limits.cpuSeconds()
                        + " s reached" : fileSizeLimitReached() ? fileSize() : "killed by signal " + signal
                        + signalName();
                break;
            default:
                s = outOfMemory() ? memory() : fileSizeLimitReached() ? fileSize() : "exit code " + exitCode;
                break;
        }
        if (leftovers > 0 && ending != Ending.TIMED_OUT) {
            s += "; " + leftovers + (leftovers == 1 ? " process left running was killed"
                    : " processes left running were killed");
        }
        return s;
    }

    /**
     * The line a person wants to see when the program failed: the last {@code SomethingError: …} line of stderr
     * (Python tracebacks and Node errors end or start with one), else the last non-empty line of either stream.
     *
     * @return that line, at most 300 characters
     */
    public String failureLine() {
        String found = null;
        String last = null;
        for (String stream : new String[] {stdout, stderr}) {
            for (String line : stream.split("\\R")) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                last = t;
                if (t.matches("^[A-Za-z_.]*(Error|Exception|Exit)\\b.*") || t.startsWith("FAIL")) {
                    found = t;
                }
            }
        }
        String line = found != null ? found : last != null ? last : "exit code " + exitCode;
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private String fileSize() {
        return "file size limit exceeded (limit " + (limits.fileSizeBytes() >> 20) + " MB)";
    }

    /** @return whether the program ended on one of its limits (memory, CPU time, file size), not by itself */
    public boolean limitReached() {
        return outOfMemory() || cpuLimitReached() || fileSizeLimitReached();
    }

    private String memory() {
        return "out of memory (limit " + (limits.memoryBytes() >> 20) + " MB)";
    }

    private String signalName() {
        switch (signal) {
            case 6: return " (SIGABRT)";
            case 9: return " (SIGKILL)";
            case 11: return " (SIGSEGV)";
            case 15: return " (SIGTERM)";
            default: return "";
        }
    }

    private static String tail(String s) {
        return s.length() > 4096 ? s.substring(s.length() - 4096) : s;
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
