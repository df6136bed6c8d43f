package dev.qwenwb.evaluation.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.run.ResultJson;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.stats.Aggregate;
import dev.qwenwb.evaluation.suite.Claim;
import java.util.List;

/**
 * {@code summary.json}: per configuration the pass rate and latency aggregates; per case id and configuration
 * whether it passed and each check's {@code type}, {@code pass}, {@code reason}; claimed vs measured figures.
 */
public final class SummaryJson {

    private SummaryJson() {
    }

    /** @return the summary object */
    public static ObjectNode of(RunSummary s) {
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("suite", s.info().suiteName());
        o.put("suite_source", s.info().suiteSource());
        o.put("started", s.info().started());
        o.put("repeats", s.info().repeats());
        ArrayNode configs = o.putArray("configurations");
        for (ConfigSummary c : s.configs()) {
            ObjectNode j = configs.addObject();
            j.put("name", c.name());
            j.put("description", c.description());
            num(j, "load_ms", c.loadMs() < 0 ? Double.NaN : c.loadMs());
            j.put("results", c.results());
            j.put("passed", c.passed());
            j.put("failed", c.failed());
            j.put("skipped", c.skipped());
            num(j, "pass_rate", c.passRate());
            ObjectNode pk = j.putObject("pass_at_k");
            c.passAtK().forEach((k, v) -> num(pk, Integer.toString(k), v));
            ObjectNode m = j.putObject("metrics");
            c.metrics().forEach((name, a) -> m.set(name, aggregate(a)));
        }
        ArrayNode cases = o.putArray("cases");
        s.info().caseTitles().forEach((id, title) -> {
            ObjectNode j = cases.addObject();
            j.put("id", id);
            j.put("title", title);
            ObjectNode per = j.putObject("results");
            for (ConfigSummary c : s.configs()) {
                List<ResultRecord> rs = s.results().stream()
                        .filter(r -> r.config().equals(c.name()) && r.caseId().equals(id)).toList();
                if (rs.isEmpty()) {
                    continue;
                }
                ResultRecord first = rs.get(0);
                ObjectNode x = per.putObject(c.name());
                x.put("passed", rs.stream().allMatch(ResultRecord::passed));
                x.put("verdict", first.verdict().label());
                x.put("passes", rs.stream().filter(ResultRecord::passed).count());
                x.put("repeats", rs.size());
                ArrayNode checks = x.putArray("checks");
                for (CheckResult cr : first.checks()) {
                    checks.addObject().put("type", cr.type()).put("pass", cr.pass())
                            .put("verdict", cr.verdict().label()).put("reason", cr.reason());
                }
                x.set("metrics", ResultJson.metrics(first.metrics()));
            }
        });
        ArrayNode claims = o.putArray("claims");
        for (Claim cl : s.info().claims()) {
            ObjectNode j = claims.addObject();
            j.put("id", cl.id()).put("label", cl.label()).put("metric", cl.metric()).put("claimed", cl.claimed())
                    .put("value", cl.value()).put("note", cl.note());
            ObjectNode m = j.putObject("measured");
            for (ConfigSummary c : s.configs()) {
                num(m, c.name(), s.measured(cl, c));
            }
        }
        return o;
    }

    static ObjectNode aggregate(Aggregate a) {
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("n", a.n());
        num(o, "mean", a.mean());
        num(o, "median", a.median());
        num(o, "p90", a.p90());
        num(o, "p99", a.p99());
        return o;
    }

    static void num(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, Math.round(v * 1000) / 1000.0);
        }
    }
}
