package dev.qwenwb.app.ui.evaluation;

/**
 * A line of the per-token latency chart: the latency of each token after the first (the first is the TTFT, shown
 * in its own chart), in ms since the token before it.
 *
 * @param name     e.g. {@code demo · quicksort} or {@code demo · median}
 * @param config   the configuration
 * @param median   the median over cases at each token position, rather than one case
 * @param tokenMs  value {@code i} is token {@code i + 2}'s latency
 */
public record LineSeries(String name, String config, boolean median, double[] tokenMs) {
}
