package dev.qwenwb.evaluation.exec;

/** How a child process's run ended. */
public enum Ending {
    /** The program exited by itself (any exit code). */
    EXITED,
    /** The program was killed by a signal (its own doing, a CPU-time limit, the kernel's OOM killer). */
    SIGNALLED,
    /** The wall-clock limit was reached; every process of the run was killed. */
    TIMED_OUT,
    /** The program killed the process that started it (its parent is a watcher, not the workbench). */
    PARENT_KILLED,
    /** The launcher above the watcher was killed or vanished; the runner swept what it could find. */
    LAUNCHER_LOST,
    /** The program could not be started (missing executable, no temporary folder, …). */
    NOT_STARTED
}
