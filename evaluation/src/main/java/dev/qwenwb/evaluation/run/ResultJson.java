package dev.qwenwb.evaluation.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ResultRecord} ⇄ one JSON object (snake_case; unknown timings are null). {@code prompt} (the exact prompt
 * text) is optional: lines written before it existed load with a null prompt.
 */
public final class ResultJson {

    /**
     * The shared mapper. It reads strings of up to 64 M characters, so result lines written before answers were
     * cut to {@link #MAX_STORED_CHARS} (a 30 MB answer) still load.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 << 20).build()).build())
            .build();

    /**
     * Characters of an answer or a prompt kept in a result line (4 Mi): a longer text is stored cut, with a note of
     * how much was left out, so every line stays readable (Jackson refuses strings over 20 M characters) and a run
     * with a huge answer stays reportable and resumable. Checks see the whole text; only the record is cut.
     */
    public static final int MAX_STORED_CHARS = 4 << 20;

    private ResultJson() {
    }

    /** @return the record as JSON */
    public static ObjectNode write(ResultRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("config", r.config());
        o.put("case", r.caseId());
        o.put("repeat", r.repeat());
        o.put("verdict", r.verdict().label());
        o.put("passed", r.passed());
        o.put("text", capped(r.text()));
        if (r.error() != null) {
            o.put("error", r.error());
        }
        if (r.promptText() != null) {
            o.put("prompt", capped(r.promptText()));
        }
        o.set("metrics", metrics(r.metrics()));
        ArrayNode lat = o.putArray("token_latencies_ms");
        for (double v : r.tokenLatenciesMs()) {
            lat.add(Math.round(v * 1000) / 1000.0);
        }
        ArrayNode checks = o.putArray("checks");
        for (CheckResult c : r.checks()) {
            ObjectNode j = checks.addObject();
            j.put("type", c.type());
            j.put("pass", c.pass());
            j.put("verdict", c.verdict().label());
            j.put("score", c.score());
            j.put("reason", capped(c.reason()));
        }
        return o;
    }

    /** @return the metrics as a JSON object */
    public static ObjectNode metrics(Metrics m) {
        ObjectNode o = MAPPER.createObjectNode();
        num(o, "prompt_tokens", m.promptTokens());
        num(o, "output_tokens", m.outputTokens());
        num(o, "ttft_ms", m.ttftMs());
        num(o, "prefill_tokens_per_s", m.prefillTokensPerS());
        num(o, "decode_tokens_per_s", m.decodeTokensPerS());
        num(o, "itl_p50_ms", m.itlP50Ms());
        num(o, "itl_p90_ms", m.itlP90Ms());
        num(o, "itl_p99_ms", m.itlP99Ms());
        num(o, "e2e_ms", m.e2eMs());
        num(o, "peak_memory_mb", m.peakMemoryMb());
        num(o, "load_ms", m.loadMs());
        o.put("finish_reason", m.finishReason());
        return o;
    }

    /** @return the record read back */
    public static ResultRecord read(JsonNode o) {
        JsonNode m = o.path("metrics");
        Metrics metrics = new Metrics(m.path("prompt_tokens").asInt(-1), m.path("output_tokens").asInt(-1),
                d(m, "ttft_ms"), d(m, "prefill_tokens_per_s"), d(m, "decode_tokens_per_s"), d(m, "itl_p50_ms"),
                d(m, "itl_p90_ms"), d(m, "itl_p99_ms"), d(m, "e2e_ms"), m.path("peak_memory_mb").asLong(-1),
                m.path("load_ms").asLong(-1), m.path("finish_reason").asText(""));
        double[] lat = new double[o.path("token_latencies_ms").size()];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = o.get("token_latencies_ms").get(i).asDouble();
        }
        List<CheckResult> checks = new ArrayList<>();
        for (JsonNode c : o.path("checks")) {
            checks.add(new CheckResult(c.path("type").asText(), Verdict.of(c.path("verdict").asText()),
                    c.path("score").asDouble(), c.path("reason").asText()));
        }
        return new ResultRecord(o.path("config").asText(), o.path("case").asText(), o.path("repeat").asInt(),
                o.path("text").asText(), metrics, lat, checks, Verdict.of(o.path("verdict").asText()),
                o.hasNonNull("error") ? o.get("error").asText() : null,
                o.hasNonNull("prompt") ? o.get("prompt").asText() : null);
    }

    /** @return the text, or its first {@link #MAX_STORED_CHARS} characters and a note of what was left out */
    static String capped(String text) {
        if (text == null || text.length() <= MAX_STORED_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_STORED_CHARS - 1)) ? MAX_STORED_CHARS - 1
                : MAX_STORED_CHARS;
        return text.substring(0, end) + "\n[… " + (text.length() - end) + " more characters not stored]";
    }

    private static void num(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, Math.round(v * 1000) / 1000.0);
        }
    }

    private static void num(ObjectNode o, String name, long v) {
        if (v < 0) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static double d(JsonNode m, String f) {
        JsonNode v = m.get(f);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
