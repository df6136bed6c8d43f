package dev.qwenwb.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.suite.Claim;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what a run is (suite, cases, configurations, repeats, claims), so a report can be rebuilt
 * from the run folder alone and a resumed run can check it continues the same run.
 *
 * @param suiteName the suite's name
 * @param suiteSource the suite file
 * @param caseTitles case id → title, in suite order
 * @param claims the suite's claimed figures
 * @param configs configuration name → settings (plus {@code description}, {@code load_ms} once opened)
 * @param repeats answers per case and configuration
 * @param started ISO time the run first started
 */
public record RunInfo(String suiteName, String suiteSource, Map<String, String> caseTitles, List<Claim> claims,
                      Map<String, Map<String, String>> configs, int repeats, String started) {

    /** @return the info of a new run */
    public static RunInfo of(Suite suite, List<RunConfig> configs, int repeats, String started) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (EvalCase c : suite.cases()) {
            titles.put(c.id(), c.title());
        }
        Map<String, Map<String, String>> cfg = new LinkedHashMap<>();
        for (RunConfig c : configs) {
            Map<String, String> settings = new LinkedHashMap<>(c.settings());
            settings.computeIfPresent("api_key", (k, v) -> "(set)"); // a key never goes into the run folder
            cfg.put(c.name(), settings);
        }
        return new RunInfo(suite.name(), suite.source(), titles, suite.claims(), cfg, repeats, started);
    }

    /** @return this as JSON */
    public ObjectNode toJson() {
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("suite", suiteName);
        o.put("suite_source", suiteSource);
        o.put("repeats", repeats);
        o.put("started", started);
        ObjectNode cases = o.putObject("cases");
        caseTitles.forEach(cases::put);
        ArrayNode cl = o.putArray("claims");
        for (Claim c : claims) {
            cl.addObject().put("id", c.id()).put("label", c.label()).put("metric", c.metric())
                    .put("value", c.value()).put("claimed", c.claimed()).put("note", c.note());
        }
        ObjectNode cf = o.putObject("configs");
        configs.forEach((name, s) -> {
            ObjectNode j = cf.putObject(name);
            s.forEach(j::put);
        });
        return o;
    }

    /** @return the info read back from {@code run.json} */
    public static RunInfo fromJson(JsonNode o) {
        Map<String, String> titles = new LinkedHashMap<>();
        o.path("cases").fields().forEachRemaining(e -> titles.put(e.getKey(), e.getValue().asText()));
        List<Claim> claims = new ArrayList<>();
        for (JsonNode c : o.path("claims")) {
            claims.add(new Claim(c.path("id").asText(), c.path("label").asText(), c.path("metric").asText(),
                    c.path("value").asDouble(), c.path("claimed").asText(), c.path("note").asText()));
        }
        Map<String, Map<String, String>> cfg = new LinkedHashMap<>();
        o.path("configs").fields().forEachRemaining(e -> {
            Map<String, String> s = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> s.put(f.getKey(), f.getValue().asText()));
            cfg.put(e.getKey(), s);
        });
        return new RunInfo(o.path("suite").asText(), o.path("suite_source").asText(), titles, claims, cfg,
                o.path("repeats").asInt(1), o.path("started").asText());
    }
}
