package dev.qwenwb.app.ui.artifacts;

/**
 * The outcome of running an artifact.
 *
 * @param exitCode  the process's exit code (-1 when it did not run or was killed)
 * @param output    stdout and stderr, interleaved, capped
 * @param timedOut  whether the time limit killed it
 * @param problem   why it could not run (missing interpreter, …), or null
 */
public record RunResult(int exitCode, String output, boolean timedOut, String problem) {
}
