package dev.qwenwb.evaluation.report;

import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.stats.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code results.csv}: one row per case × configuration × repeat, RFC 4180 quoting. */
public final class CsvReport {

    static final String HEADER = "config,case,repeat,verdict,passed,prompt_tokens,output_tokens,ttft_ms,"
            + "prefill_tokens_per_s,decode_tokens_per_s,itl_p50_ms,itl_p90_ms,itl_p99_ms,e2e_ms,peak_memory_mb,"
            + "finish_reason,checks,reasons";

    private CsvReport() {
    }

    /** @return the CSV text */
    public static String of(RunSummary s) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (ResultRecord r : s.results()) {
            Metrics m = r.metrics();
            List<String> checks = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (CheckResult c : r.checks()) {
                checks.add(c.type() + ":" + c.verdict().label());
                reasons.add(c.reason());
            }
            List<String> row = List.of(r.config(), r.caseId(), Integer.toString(r.repeat()), r.verdict().label(),
                    Boolean.toString(r.passed()), n(m.promptTokens()), n(m.outputTokens()), n(m.ttftMs()),
                    n(m.prefillTokensPerS()), n(m.decodeTokensPerS()), n(m.itlP50Ms()), n(m.itlP90Ms()),
                    n(m.itlP99Ms()), n(m.e2eMs()), n(m.peakMemoryMb()), m.finishReason(), String.join("; ", checks),
                    String.join(" | ", reasons));
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quote(row.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String n(long v) {
        return v < 0 ? "" : Long.toString(v);
    }

    static String quote(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
