package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.stats.Metrics;

/**
 * One answer from a backend.
 *
 * @param text the answer text
 * @param metrics what the generation measured ({@link Metrics#NONE} for replays)
 * @param tokenLatenciesMs per generated token, time since the previous (empty for replays)
 * @param cancelled the generation was cancelled part way (the runner does not record it)
 * @param promptText the exact prompt text the model was sent (its chat template applied), or null where the
 *                   backend does not know it (replays)
 */
public record Generation(String text, Metrics metrics, double[] tokenLatenciesMs, boolean cancelled,
                         String promptText) {

    /** An answer whose prompt text is not known. */
    public Generation(String text, Metrics metrics, double[] tokenLatenciesMs, boolean cancelled) {
        this(text, metrics, tokenLatenciesMs, cancelled, null);
    }
}
