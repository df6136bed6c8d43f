package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.suite.EvalCase;

/** Where answers come from: the in-process engine, an OpenAI-compatible endpoint or a file of recorded answers. */
public interface Backend extends AutoCloseable {

    /**
     * Answers one case.
     *
     * @param evalCase the case
     * @param repeat the repeat index (replays pick the matching recorded answer)
     * @return the answer
     * @throws IllegalStateException if there is no answer (a replay file without the case)
     */
    Generation generate(EvalCase evalCase, int repeat);

    /** Asks an ongoing {@link #generate} to stop soon; it then returns a cancelled generation. */
    default void cancel() {
    }

    /**
     * @return how many {@link #generate} calls may run at once (1 unless a remote backend's {@code concurrency}
     *     says more); a backend answering more than one must be safe to call from several threads
     */
    default int concurrency() {
        return 1;
    }

    /** @return a one-line description for reports: model, device, dtype or the replay file */
    String describe();

    @Override
    default void close() {
    }
}
