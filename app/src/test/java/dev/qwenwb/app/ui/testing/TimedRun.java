package dev.qwenwb.app.ui.testing;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run of the article's suite with timings, as the evaluation view shows one: two configurations (a
 * fast one and a slow one) over every case, with per-token latencies that differ by case, so that charts, summary
 * and claims have values. Written into a run folder the view opens.
 */
public final class TimedRun {

    /** The configurations' names. */
    public static final List<String> CONFIGS = List.of("coder-0.5b-f16", "instruct-0.5b-q8");

    private TimedRun() {
    }

    /** The configurations' descriptions (model · device · precision): data shown as it is. */
    public static List<String> descriptions() {
        return List.of("Qwen2.5-Coder-0.5B-Instruct · cpu · f16", "qwen2.5-0.5b-instruct-q8_0.gguf · cpu · q8_0",
                "Qwen2.5-Coder-0.5B-Instruct", "qwen2.5-0.5b-instruct-q8_0.gguf", "cpu", "f16", "q8_0");
    }

    /** Writes the run into {@code dir}; returns its suite. */
    public static Suite write(Path dir) {
        Suite suite = new SuiteLoader(CheckRegistry.standard()).load(Path.of("..", "assets", "suites", "article.yaml"));
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put(CONFIGS.get(0), Map.of("backend", "engine", "model", "Qwen2.5-Coder-0.5B-Instruct",
                "dtype", "f16", "description", "Qwen2.5-Coder-0.5B-Instruct · cpu · f16", "load_ms", "4210"));
        configs.put(CONFIGS.get(1), Map.of("backend", "engine", "model", "qwen2.5-0.5b-instruct-q8_0.gguf",
                "description", "qwen2.5-0.5b-instruct-q8_0.gguf · cpu · q8_0", "load_ms", "1830"));
        Map<String, String> titles = new LinkedHashMap<>();
        suite.cases().forEach(c -> titles.put(c.id(), c.title()));
        RunStore store = new RunStore(dir);
        store.writeInfo(new RunInfo(suite.name(), suite.source(), titles, suite.claims(), configs, 1,
                "2026-12-04T10:15:00Z"));
        int k = 0;
        for (String config : CONFIGS) {
            double speed = config.equals(CONFIGS.get(0)) ? 1.0 : 0.55;
            for (EvalCase c : suite.cases()) {
                k++;
                double[] lat = new double[40 + 7 * k % 50];
                lat[0] = (90 + 37 * (k % 5)) / speed;
                for (int i = 1; i < lat.length; i++) {
                    lat[i] = (9 + (i * 7 + k) % 5) / speed;
                }
                double e2e = java.util.Arrays.stream(lat).sum();
                Metrics m = Metrics.of(48 + 5 * k, lat, 400 * speed, 1000 / (10 / speed), e2e, 900 + 10 * k,
                        config.equals(CONFIGS.get(0)) ? 4210 : 1830, "eos");
                boolean pass = (k % 3) != 0;
                Verdict v = pass ? Verdict.PASSED : Verdict.FAILED;
                store.append(new ResultRecord(config, c.id(), 0, "```python\nprint('" + c.id() + "')\n```\n",
                        m, lat, List.of(new CheckResult("contains", v, pass ? 1 : 0, pass ? "" : "missing")), v,
                        null));
            }
        }
        return suite;
    }
}
