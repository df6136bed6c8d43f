package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.evaluation.exec.Ending;

/**
 * The outcome of running an artifact.
 *
 * @param ending    how the run ended ({@link Ending#NOT_STARTED} when it could not run)
 * @param exitCode  the process's exit code (-1 when it did not run, was killed or timed out)
 * @param output    stdout and stderr, interleaved, capped
 * @param summary   one line on how it ended ("exit code 0", "timed out after 10 s (…)", "the code killed its
 *                  parent process …", "out of memory (limit 2048 MB)")
 * @param problem   why it could not run (missing interpreter, …), or null
 */
public record RunResult(Ending ending, int exitCode, String output, String summary, String problem) {

    /** @return whether the time limit killed it */
    public boolean timedOut() {
        return ending == Ending.TIMED_OUT;
    }

    static RunResult problem(String why) {
        return new RunResult(Ending.NOT_STARTED, -1, "", why, why);
    }
}
