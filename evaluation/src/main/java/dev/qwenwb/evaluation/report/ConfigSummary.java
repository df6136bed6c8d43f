package dev.qwenwb.evaluation.report;

import dev.qwenwb.evaluation.stats.Aggregate;
import java.util.Map;

/**
 * One configuration's results over the whole suite.
 *
 * @param name the configuration
 * @param description model/device/dtype or the replay file
 * @param loadMs model load time, -1 unknown
 * @param results results recorded (cases × repeats)
 * @param passed of those, passed
 * @param failed failed (incl. timed out, errors)
 * @param skipped skipped (interpreter missing, timing check on a replay)
 * @param passRate passed / (results − skipped), NaN if nothing was scored
 * @param passAtK k → unbiased pass@k averaged over cases (k = 1 and, with repeats, each k up to n)
 * @param metrics metric name → aggregate (ttft_ms, prefill_tokens_per_s, decode_tokens_per_s, itl_ms, e2e_ms,
 *                peak_memory_mb, prompt_tokens, output_tokens)
 */
public record ConfigSummary(String name, String description, long loadMs, int results, int passed, int failed,
                            int skipped, double passRate, Map<Integer, Double> passAtK,
                            Map<String, Aggregate> metrics) {
}
