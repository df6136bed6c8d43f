package dev.qwenwb.evaluation.exec;

import java.util.Locale;

/**
 * How the runner holds a child at arm's length; {@link #detect} picks the best this machine allows. Resource
 * isolation, not a security sandbox: the code still runs as the user, reads the user's files and reaches the
 * network.
 */
public enum Isolation {
    /**
     * A small Python launcher (needs {@code python3}): the program runs under a watcher in its own session, so
     * {@code getppid()} is the watcher, not the workbench; {@code RLIMIT_AS}, {@code RLIMIT_CPU}; at the end
     * the launcher kills the session and everything below it. On Linux the launcher is a subreaper
     * ({@code prctl(PR_SET_CHILD_SUBREAPER)}), so double forks and {@code setsid} cannot leave its tree.
     */
    LAUNCHER,
    /**
     * {@code /bin/sh} with {@code ulimit -v}/{@code -t} and {@code setsid --fork --wait} where present (no
     * {@code python3}): the JVM kills what it saw below the child and, on Linux, every process carrying the
     * run's marker in its environment.
     */
    SHELL,
    /** A plain child (Windows): a time limit and a kill of every descendant seen; no memory or CPU limit. */
    DIRECT;

    private static volatile Isolation detected;

    /**
     * The best isolation here: {@code -Dworkbench.exec.isolation=launcher|shell|direct} if given, {@link #DIRECT}
     * on Windows, {@link #LAUNCHER} where a Python 3 answers, else {@link #SHELL}.
     *
     * @return that isolation
     */
    public static Isolation detect() {
        Isolation d = detected;
        if (d == null) {
            String forced = System.getProperty("workbench.exec.isolation");
            if (forced != null && !forced.isBlank()) {
                d = valueOf(forced.strip().toUpperCase(Locale.ROOT));
            } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                d = DIRECT;
            } else {
                d = Launcher.python().isPresent() ? LAUNCHER : SHELL;
            }
            detected = d;
        }
        return d;
    }
}
