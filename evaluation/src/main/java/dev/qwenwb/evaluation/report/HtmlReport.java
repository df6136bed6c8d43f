package dev.qwenwb.evaluation.report;

import static dev.qwenwb.evaluation.report.Html.esc;
import static dev.qwenwb.evaluation.report.Html.num;

import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.stats.Aggregate;
import dev.qwenwb.evaluation.suite.Claim;
import dev.qwenwb.inference.util.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no scripts): configurations with pass
 * rates and latency aggregates, claimed vs measured, charts (TTFT and decode tokens/s per case grouped by
 * configuration, per-token latency over the answer), and every output side by side with verdicts and reasons.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** @return the page */
    public static String of(RunSummary s) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(s.info().suiteName())).append(" — evaluation</title>").append(Html.STYLE)
                .append("</head><body><h1>").append(esc(s.info().suiteName())).append("</h1><p class=\"note\">suite ")
                .append(esc(s.info().suiteSource())).append(" · started ").append(esc(s.info().started()))
                .append(" · repeats ").append(s.info().repeats()).append(" · generated code ran in child processes"
                        + " (isolation, not a security sandbox)</p>");
        configs(h, s);
        claims(h, s);
        charts(h, s);
        outputs(h, s);
        return h.append("</body></html>\n").toString();
    }

    private static void configs(StringBuilder h, RunSummary s) {
        h.append("<h2>Configurations</h2><table><tr><th>configuration</th><th>backend</th><th>load ms</th>"
                + "<th>passed</th><th>pass rate</th><th>pass@k</th><th>TTFT ms<br>mean / median / p90 / p99</th>"
                + "<th>prefill tok/s<br>median</th><th>decode tok/s<br>mean / median</th>"
                + "<th>inter-token ms<br>p50 / p90 / p99</th><th>end-to-end ms<br>mean / median / p90 / p99</th>"
                + "<th>peak memory MB</th></tr>");
        for (ConfigSummary c : s.configs()) {
            Map<String, Aggregate> m = c.metrics();
            StringBuilder pk = new StringBuilder();
            c.passAtK().forEach((k, v) -> pk.append("pass@").append(k).append(' ').append(num(v * 100, 1))
                    .append("%<br>"));
            h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.description()))
                    .append("</td><td>").append(c.loadMs() < 0 ? "—" : c.loadMs()).append("</td><td>")
                    .append(c.passed()).append(" / ").append(c.results() - c.skipped())
                    .append(c.skipped() > 0 ? " (" + c.skipped() + " skipped)" : "").append("</td><td>")
                    .append(num(c.passRate() * 100, 1)).append("%</td><td>").append(pk).append("</td><td>")
                    .append(four(m.get("ttft_ms"))).append("</td><td>").append(num(m.get("prefill_tokens_per_s")
                            .median(), 1)).append("</td><td>").append(num(m.get("decode_tokens_per_s").mean(), 1))
                    .append(" / ").append(num(m.get("decode_tokens_per_s").median(), 1)).append("</td><td>")
                    .append(num(m.get("itl_ms").median(), 2)).append(" / ").append(num(m.get("itl_ms").p90(), 2))
                    .append(" / ").append(num(m.get("itl_ms").p99(), 2)).append("</td><td>")
                    .append(four(m.get("e2e_ms"))).append("</td><td>").append(num(m.get("peak_memory_mb").p99(), 0))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String four(Aggregate a) {
        return num(a.mean(), 1) + " / " + num(a.median(), 1) + " / " + num(a.p90(), 1) + " / " + num(a.p99(), 1);
    }

    private static void claims(StringBuilder h, RunSummary s) {
        if (s.info().claims().isEmpty()) {
            return;
        }
        h.append("<h2>Claimed vs measured</h2><table><tr><th>figure</th><th>claimed</th><th>conditions</th>");
        for (ConfigSummary c : s.configs()) {
            h.append("<th>").append(esc(c.name())).append("</th>");
        }
        h.append("</tr>");
        for (Claim cl : s.info().claims()) {
            h.append("<tr><td>").append(esc(cl.label())).append("</td><td>").append(esc(cl.claimed()))
                    .append("</td><td class=\"note\">").append(esc(cl.note())).append("</td>");
            for (ConfigSummary c : s.configs()) {
                double v = s.measured(cl, c);
                h.append("<td>").append(Double.isNaN(v) ? "not measured by this run" : num(v, 1) + " "
                        + unit(cl.metric())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    static String unit(String metric) {
        switch (metric) {
            case "load_ms": case "ttft_ms": return "ms";
            case "decode_tokens_per_s": return "tokens/s";
            case "peak_memory_mb": return "MB";
            default: return "%";
        }
    }

    private static void charts(StringBuilder h, RunSummary s) {
        List<String> cases = new ArrayList<>(s.info().caseTitles().keySet());
        Map<String, double[]> ttft = new LinkedHashMap<>();
        Map<String, double[]> decode = new LinkedHashMap<>();
        Map<String, double[]> itl = new LinkedHashMap<>();
        for (ConfigSummary c : s.configs()) {
            double[] t = new double[cases.size()];
            double[] d = new double[cases.size()];
            List<double[]> lat = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                String id = cases.get(i);
                List<ResultRecord> rs = s.results().stream()
                        .filter(r -> r.config().equals(c.name()) && r.caseId().equals(id)).toList();
                t[i] = Percentiles.of(rs.stream().mapToDouble(r -> r.metrics().ttftMs()).toArray(), 50);
                d[i] = Percentiles.of(rs.stream().mapToDouble(r -> r.metrics().decodeTokensPerS()).toArray(), 50);
                rs.forEach(r -> lat.add(r.tokenLatenciesMs()));
            }
            ttft.put(c.name(), t);
            decode.put(c.name(), d);
            itl.put(c.name(), medianByPosition(lat));
        }
        h.append("<h2>Charts</h2>")
                .append(SvgCharts.groupedBars("Time to first token per case", cases, ttft, "ms"))
                .append(SvgCharts.groupedBars("Decode speed per case", cases, decode, "tokens/s"))
                .append(SvgCharts.lines("Per-token latency over the answer (median over cases, first token "
                        + "excluded)", itl, "ms"));
    }

    private static double[] medianByPosition(List<double[]> lat) {
        int len = lat.stream().mapToInt(a -> a.length).max().orElse(0);
        double[] out = new double[Math.max(0, len - 1)];
        for (int i = 1; i < len; i++) {
            int pos = i;
            out[i - 1] = Percentiles.of(lat.stream().filter(a -> a.length > pos).mapToDouble(a -> a[pos]).toArray(),
                    50);
        }
        return out;
    }

    private static void outputs(StringBuilder h, RunSummary s) {
        h.append("<h2>Outputs</h2><table><tr><th>case</th>");
        for (ConfigSummary c : s.configs()) {
            h.append("<th>").append(esc(c.name())).append("</th>");
        }
        h.append("</tr>");
        s.info().caseTitles().forEach((id, title) -> {
            h.append("<tr><td><b>").append(esc(id)).append("</b><br><span class=\"note\">").append(esc(title))
                    .append("</span></td>");
            for (ConfigSummary c : s.configs()) {
                h.append("<td>");
                s.results().stream().filter(r -> r.config().equals(c.name()) && r.caseId().equals(id))
                        .forEach(r -> cell(h, r));
                h.append("</td>");
            }
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private static void cell(StringBuilder h, ResultRecord r) {
        h.append(Html.verdict(r.verdict().label()));
        if (r.repeat() > 0) {
            h.append(" <span class=\"note\">repeat ").append(r.repeat()).append("</span>");
        }
        h.append("<ul class=\"reason\">");
        for (CheckResult c : r.checks()) {
            h.append("<li>").append(esc(c.type())).append(": ").append(Html.verdict(c.verdict().label()))
                    .append(" — ").append(esc(c.reason())).append("</li>");
        }
        h.append("</ul><details><summary>output (").append(r.text().length()).append(" chars, ")
                .append(esc(r.metrics().finishReason())).append(")</summary><pre>").append(esc(r.text()))
                .append("</pre></details>");
    }
}
