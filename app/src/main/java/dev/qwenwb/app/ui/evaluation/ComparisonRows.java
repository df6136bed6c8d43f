package dev.qwenwb.app.ui.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwenwb.evaluation.report.Comparison;
import dev.qwenwb.evaluation.report.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs compared by the evaluation module's {@link Comparison}: per paired configuration the pass rates, the
 * latency ratios (new / old) and the cases whose verdict flipped.
 *
 * @param oldDir the earlier run
 * @param newDir the later run
 * @param pairs  one per paired configuration (same name, or the only one of each run)
 */
public record ComparisonRows(Path oldDir, Path newDir, List<Pair> pairs) {

    /** Copies the pairs. */
    public ComparisonRows {
        pairs = List.copyOf(pairs);
    }

    /**
     * @param oldConfig     the configuration in the earlier run
     * @param newConfig     the configuration in the later run
     * @param passRateOld   pass rate before, NaN unknown
     * @param passRateNew   pass rate after, NaN unknown
     * @param ratios        metric (ttft_ms, decode_tokens_per_s, e2e_ms, itl_ms) → median new / old, NaN unknown
     * @param flips         cases whose verdict changed
     */
    public record Pair(String oldConfig, String newConfig, double passRateOld, double passRateNew,
                       Map<String, Double> ratios, List<Flip> flips) {
    }

    /**
     * @param caseId the case
     * @param before its verdict before
     * @param after  its verdict after
     * @param change fixed, broke or changed
     * @param reason the first failing check of the later run
     */
    public record Flip(String caseId, String before, String after, String change, String reason) {
    }

    /** Compares {@code before} with {@code after}. */
    public static ComparisonRows of(Path oldDir, RunSummary before, Path newDir, RunSummary after) {
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode p : Comparison.json(before, after).path("pairs")) {
            Map<String, Double> ratios = new LinkedHashMap<>();
            p.path("latency_ratios").fields().forEachRemaining(e -> ratios.put(e.getKey(), number(e.getValue())));
            List<Flip> flips = new ArrayList<>();
            for (JsonNode f : p.path("flips")) {
                flips.add(new Flip(f.path("case").asText(), f.path("old").asText(), f.path("new").asText(),
                        f.path("change").asText(), f.path("reason").asText()));
            }
            pairs.add(new Pair(p.path("old").asText(), p.path("new").asText(), number(p.get("pass_rate_old")),
                    number(p.get("pass_rate_new")), ratios, flips));
        }
        return new ComparisonRows(oldDir, newDir, pairs);
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
