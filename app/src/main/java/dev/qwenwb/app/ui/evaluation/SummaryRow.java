package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.report.ConfigSummary;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.stats.Aggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One configuration's line of the summary table, from the evaluation module's statistics ({@link RunSummary},
 * {@link Aggregate}, pass@k; one percentile definition). NaN / -1 where not measured.
 *
 * @param config      the configuration
 * @param description model, device and precision, or the replay file
 * @param scored      results scored (not skipped)
 * @param passed      of those, passed
 * @param passAtK     k → pass@k (k = 1, and more with repeats)
 * @param ttft        TTFT aggregate (ms)
 * @param itl         inter-token latency aggregate (ms)
 * @param decode      decode tokens/s aggregate
 * @param loadMs      model load time, -1 unknown
 * @param peakMemoryMb the largest peak memory of any result, NaN unknown
 */
public record SummaryRow(String config, String description, int scored, int passed, Map<Integer, Double> passAtK,
                         Aggregate ttft, Aggregate itl, Aggregate decode, long loadMs, double peakMemoryMb) {

    /** @return a row per configuration of the run */
    public static List<SummaryRow> of(RunSummary s) {
        List<SummaryRow> out = new ArrayList<>();
        for (ConfigSummary c : s.configs()) {
            double peak = Double.NaN;
            for (ResultRecord r : s.results()) {
                if (r.config().equals(c.name()) && r.metrics().peakMemoryMb() >= 0) {
                    peak = Double.isNaN(peak) ? r.metrics().peakMemoryMb() : Math.max(peak, r.metrics().peakMemoryMb());
                }
            }
            out.add(new SummaryRow(c.name(), c.description(), c.results() - c.skipped(), c.passed(), c.passAtK(),
                    c.metrics().get("ttft_ms"), c.metrics().get("itl_ms"), c.metrics().get("decode_tokens_per_s"),
                    c.loadMs(), peak));
        }
        return out;
    }

    /** @return pass@1 (the pass rate), NaN when nothing was scored */
    public double passAt1() {
        return passAtK.getOrDefault(1, Double.NaN);
    }
}
