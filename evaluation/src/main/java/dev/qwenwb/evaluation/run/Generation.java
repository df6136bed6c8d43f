package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.stats.Metrics;

/**
 * One answer from a backend.
 *
 * @param text the answer text
 * @param metrics what the generation measured ({@link Metrics#NONE} for replays)
 * @param tokenLatenciesMs per generated token, time since the previous (empty for replays)
 * @param cancelled the generation was cancelled part way (the runner does not record it)
 */
public record Generation(String text, Metrics metrics, double[] tokenLatenciesMs, boolean cancelled) {
}
