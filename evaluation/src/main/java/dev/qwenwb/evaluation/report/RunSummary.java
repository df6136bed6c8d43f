package dev.qwenwb.evaluation.report;

import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.evaluation.stats.Aggregate;
import dev.qwenwb.evaluation.stats.PassAtK;
import dev.qwenwb.evaluation.suite.Claim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A run's results with per-configuration statistics and claimed-vs-measured figures.
 *
 * @param info what the run is
 * @param results every recorded result, ordered by configuration, case, repeat
 * @param configs one summary per configuration, in run order
 */
public record RunSummary(RunInfo info, List<ResultRecord> results, List<ConfigSummary> configs) {

    /** @return the summary of a run's results */
    public static RunSummary of(RunInfo info, List<ResultRecord> results) {
        List<String> caseOrder = new ArrayList<>(info.caseTitles().keySet());
        List<String> configOrder = new ArrayList<>(info.configs().keySet());
        List<ResultRecord> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> {
            int c = Integer.compare(configOrder.indexOf(a.config()), configOrder.indexOf(b.config()));
            c = c != 0 ? c : Integer.compare(caseOrder.indexOf(a.caseId()), caseOrder.indexOf(b.caseId()));
            return c != 0 ? c : Integer.compare(a.repeat(), b.repeat());
        });
        List<ConfigSummary> configs = new ArrayList<>();
        for (String name : configOrder) {
            List<ResultRecord> rs = sorted.stream().filter(r -> r.config().equals(name)).toList();
            configs.add(summarize(name, info.configs().get(name), rs));
        }
        return new RunSummary(info, sorted, configs);
    }

    private static ConfigSummary summarize(String name, Map<String, String> settings, List<ResultRecord> rs) {
        int passed = 0;
        int skipped = 0;
        for (ResultRecord r : rs) {
            passed += r.passed() ? 1 : 0;
            skipped += r.verdict() == Verdict.SKIPPED ? 1 : 0;
        }
        int scored = rs.size() - skipped;
        Map<String, Aggregate> m = new LinkedHashMap<>();
        m.put("ttft_ms", agg(rs, r -> r.metrics().ttftMs()));
        m.put("prefill_tokens_per_s", agg(rs, r -> r.metrics().prefillTokensPerS()));
        m.put("decode_tokens_per_s", agg(rs, r -> r.metrics().decodeTokensPerS()));
        List<Double> itl = new ArrayList<>();
        for (ResultRecord r : rs) {
            for (int i = 1; i < r.tokenLatenciesMs().length; i++) {
                itl.add(r.tokenLatenciesMs()[i]);
            }
        }
        m.put("itl_ms", Aggregate.of(itl.stream().mapToDouble(Double::doubleValue).toArray()));
        m.put("e2e_ms", agg(rs, r -> r.metrics().e2eMs()));
        m.put("peak_memory_mb", agg(rs, r -> r.metrics().peakMemoryMb() < 0 ? Double.NaN : r.metrics().peakMemoryMb()));
        m.put("prompt_tokens", agg(rs, r -> r.metrics().promptTokens() < 0 ? Double.NaN : r.metrics().promptTokens()));
        m.put("output_tokens", agg(rs, r -> r.metrics().outputTokens() < 0 ? Double.NaN : r.metrics().outputTokens()));
        long load = Long.parseLong(settings.getOrDefault("load_ms", "-1"));
        return new ConfigSummary(name, settings.getOrDefault("description", settings.getOrDefault("backend",
                "engine")), load, rs.size(), passed, rs.size() - passed - skipped, skipped,
                scored == 0 ? Double.NaN : (double) passed / scored, passAtK(rs), m);
    }

    private static Map<Integer, Double> passAtK(List<ResultRecord> rs) {
        Map<String, int[]> perCase = new LinkedHashMap<>();
        for (ResultRecord r : rs) {
            if (r.verdict() == Verdict.SKIPPED) {
                continue;
            }
            int[] nc = perCase.computeIfAbsent(r.caseId(), k -> new int[2]);
            nc[0]++;
            nc[1] += r.passed() ? 1 : 0;
        }
        int n = perCase.values().stream().mapToInt(v -> v[0]).min().orElse(0);
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int k : new int[] {1, 5, 10, 100}) {
            if (k > n) {
                break;
            }
            double sum = 0;
            for (int[] nc : perCase.values()) {
                sum += PassAtK.estimate(nc[0], nc[1], k);
            }
            out.put(k, sum / perCase.size());
        }
        return out;
    }

    private static Aggregate agg(List<ResultRecord> rs, ToDoubleFunction<ResultRecord> f) {
        return Aggregate.of(rs.stream().mapToDouble(f).toArray());
    }

    /**
     * What a configuration measured for a claim's metric: load_ms, ttft_ms (median), decode_tokens_per_s
     * (median), peak_memory_mb (max), humaneval_pass_rate (percent; only for a HumanEval suite).
     *
     * @return the measured value, NaN when this run does not measure it
     */
    public double measured(Claim claim, ConfigSummary c) {
        switch (claim.metric()) {
            case "load_ms": return c.loadMs() < 0 ? Double.NaN : c.loadMs();
            case "ttft_ms": return c.metrics().get("ttft_ms").median();
            case "decode_tokens_per_s": return c.metrics().get("decode_tokens_per_s").median();
            case "peak_memory_mb": {
                double v = Double.NaN;
                for (ResultRecord r : results) {
                    if (r.config().equals(c.name()) && r.metrics().peakMemoryMb() >= 0) {
                        v = Double.isNaN(v) ? r.metrics().peakMemoryMb() : Math.max(v, r.metrics().peakMemoryMb());
                    }
                }
                return v;
            }
            case "humaneval_pass_rate":
                return info.suiteName().toLowerCase(java.util.Locale.ROOT).startsWith("humaneval")
                        ? c.passRate() * 100 : Double.NaN;
            default: return Double.NaN;
        }
    }
}
