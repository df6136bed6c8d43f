package dev.qwenwb.evaluation.check;

import dev.qwenwb.evaluation.stats.Metrics;

/**
 * What a check judges: the case, the model's text and what the generation measured.
 *
 * @param caseId the id of the case asked
 * @param text the answer (for completion prompts: the continuation only)
 * @param metrics timings, {@link Metrics#NONE} for replayed answers
 */
public record Answer(String caseId, String text, Metrics metrics) {
}
