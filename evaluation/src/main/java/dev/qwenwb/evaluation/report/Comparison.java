package dev.qwenwb.evaluation.report;

import static dev.qwenwb.evaluation.report.Html.esc;
import static dev.qwenwb.evaluation.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.run.ResultJson;
import dev.qwenwb.evaluation.run.ResultRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed between two runs: per paired configuration (same name, or the only one of each) the pass-rate
 * change, latency ratios (new / old: TTFT, decode tokens/s, end-to-end, medians), and every case whose verdict
 * flipped.
 */
public final class Comparison {

    private Comparison() {
    }

    /** @return the comparison as JSON: {@code pairs[{old, new, pass_rate_old, pass_rate_new, ratios, flips}]} */
    public static ObjectNode json(RunSummary before, RunSummary after) {
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("old_suite", before.info().suiteName());
        o.put("new_suite", after.info().suiteName());
        ArrayNode pairs = o.putArray("pairs");
        for (ConfigSummary[] p : pairs(before, after)) {
            ObjectNode j = pairs.addObject();
            j.put("old", p[0].name());
            j.put("new", p[1].name());
            SummaryJson.num(j, "pass_rate_old", p[0].passRate());
            SummaryJson.num(j, "pass_rate_new", p[1].passRate());
            ObjectNode ratios = j.putObject("latency_ratios");
            for (String m : new String[] {"ttft_ms", "decode_tokens_per_s", "e2e_ms", "itl_ms"}) {
                SummaryJson.num(ratios, m, p[1].metrics().get(m).median() / p[0].metrics().get(m).median());
            }
            ArrayNode flips = j.putArray("flips");
            for (String id : after.info().caseTitles().keySet()) {
                Optional<ResultRecord> a = first(before, p[0].name(), id);
                Optional<ResultRecord> b = first(after, p[1].name(), id);
                if (a.isPresent() && b.isPresent() && a.get().verdict() != b.get().verdict()) {
                    ObjectNode f = flips.addObject();
                    f.put("case", id);
                    f.put("old", a.get().verdict().label());
                    f.put("new", b.get().verdict().label());
                    f.put("change", b.get().passed() ? "fixed" : a.get().passed() ? "broke" : "changed");
                    f.put("reason", b.get().checks().stream().filter(c -> !c.pass()).map(c -> c.type() + ": "
                            + c.reason()).findFirst().orElse(""));
                }
            }
        }
        return o;
    }

    /** @return a self-contained HTML page of {@link #json} */
    public static String html(ObjectNode c, String oldDir, String newDir) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>comparison</title>").append(Html.STYLE).append("</head><body><h1>Comparison</h1><p>old: ")
                .append(esc(oldDir)).append("<br>new: ").append(esc(newDir)).append("</p>");
        for (JsonNode p : c.path("pairs")) {
            h.append("<h2>").append(esc(p.path("old").asText())).append(" → ").append(esc(p.path("new").asText()))
                    .append("</h2><table><tr><th>pass rate old</th><th>pass rate new</th><th>TTFT new/old</th>"
                            + "<th>decode tok/s new/old</th><th>end-to-end new/old</th></tr><tr><td>")
                    .append(pct(p.get("pass_rate_old"))).append("</td><td>").append(pct(p.get("pass_rate_new")))
                    .append("</td>");
            for (String m : new String[] {"ttft_ms", "decode_tokens_per_s", "e2e_ms"}) {
                JsonNode v = p.path("latency_ratios").get(m);
                h.append("<td>").append(v == null || v.isNull() ? "—" : num(v.asDouble(), 2) + "×").append("</td>");
            }
            h.append("</tr></table><table><tr><th>case</th><th>old</th><th>new</th><th>change</th><th>reason</th></tr>");
            if (p.path("flips").isEmpty()) {
                h.append("<tr><td colspan=\"5\">no verdict changed</td></tr>");
            }
            for (JsonNode f : p.path("flips")) {
                h.append("<tr><td>").append(esc(f.path("case").asText())).append("</td><td>")
                        .append(Html.verdict(f.path("old").asText())).append("</td><td>")
                        .append(Html.verdict(f.path("new").asText())).append("</td><td class=\"")
                        .append(esc(f.path("change").asText())).append("\">").append(esc(f.path("change").asText()))
                        .append("</td><td class=\"reason\">").append(esc(f.path("reason").asText()))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String pct(JsonNode v) {
        return v == null || v.isNull() ? "—" : num(v.asDouble() * 100, 1) + "%";
    }

    private static List<ConfigSummary[]> pairs(RunSummary a, RunSummary b) {
        List<ConfigSummary[]> out = new ArrayList<>();
        for (ConfigSummary x : a.configs()) {
            b.configs().stream().filter(y -> y.name().equals(x.name())).findFirst()
                    .ifPresent(y -> out.add(new ConfigSummary[] {x, y}));
        }
        if (out.isEmpty() && a.configs().size() == 1 && b.configs().size() == 1) {
            out.add(new ConfigSummary[] {a.configs().get(0), b.configs().get(0)});
        }
        return out;
    }

    private static Optional<ResultRecord> first(RunSummary s, String config, String id) {
        return s.results().stream().filter(r -> r.config().equals(config) && r.caseId().equals(id)).findFirst();
    }
}
