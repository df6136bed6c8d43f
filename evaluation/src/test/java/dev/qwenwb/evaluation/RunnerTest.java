package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.report.ConfigSummary;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.Generation;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on the real engine (tiny random model) and on replays: metrics, persistence, cancel, resume. */
class RunnerTest {

    @TempDir
    Path tmp;

    private final Suite article = new SuiteLoader(CheckRegistry.standard())
            .load(Assets.suites().resolve("article.yaml"));

    @Test
    void engineRunRecordsEveryMetricForEveryCase() {
        RunConfig tiny = new RunConfig("tiny", Map.of("model", TinyModels.tiny(TensorDType.F32).toString(),
                "device", "cpu", "max_tokens", "12"));
        RunStore store = new RunStore(tmp.resolve("run"));
        List<ResultRecord> rs = new Runner(CheckRegistry.standard(), Backends::open).run(article, List.of(tiny),
                new Runner.Options(1, 1, 2), store, r -> { });
        assertThat(rs).hasSize(6);
        for (ResultRecord r : rs) {
            assertThat(r.metrics().promptTokens()).as(r.caseId()).isPositive();
            assertThat(r.metrics().outputTokens()).isBetween(1, 12);
            assertThat(r.metrics().ttftMs()).isPositive();
            assertThat(r.metrics().e2eMs()).isGreaterThanOrEqualTo(r.metrics().ttftMs());
            assertThat(r.metrics().peakMemoryMb()).isPositive();
            assertThat(r.tokenLatenciesMs()).hasSize(r.metrics().outputTokens());
            assertThat(r.checks()).isNotEmpty();
            assertThat(r.promptText()).as("the exact prompt sent").isNotBlank();
        }
        String first = article.cases().get(0).id(); // results come in the order their checks finish (2 threads)
        assertThat(rs.stream().filter(r -> r.caseId().equals(first)).findFirst().orElseThrow().promptText())
                .startsWith("<|im_start|>system").contains("请用Python实现一个快速排序函数");
        assertThat(store.readResults()).extracting(ResultRecord::promptText)
                .containsExactlyInAnyOrderElementsOf(rs.stream().map(ResultRecord::promptText).toList());
        RunSummary s = Reports.write(store);
        ConfigSummary c = s.configs().get(0);
        assertThat(c.loadMs()).isPositive();
        assertThat(c.metrics().get("decode_tokens_per_s").median()).isPositive();
        assertThat(c.metrics().get("itl_ms").p99()).isPositive();
        assertThat(c.description()).contains("cpu");
        for (String f : new String[] {"results.jsonl", "summary.json", "report.html", "results.csv", "run.json"}) {
            assertThat(store.dir().resolve(f)).isRegularFile();
        }
    }

    @Test
    void aLocalEngineWithConcurrencyDecodesCasesTogetherAndAnswersAsOneAtATime() {
        Map<String, String> texts = new java.util.HashMap<>();
        for (String concurrency : new String[] {"1", "3"}) {
            RunConfig tiny = new RunConfig("tiny", Map.of("model", TinyModels.tiny(TensorDType.F32).toString(),
                    "device", "cpu", "max_tokens", "8", "concurrency", concurrency));
            List<ResultRecord> rs = new Runner(CheckRegistry.standard(), Backends::open).run(article, List.of(tiny),
                    new Runner.Options(1, 0, 1), new RunStore(tmp.resolve("run" + concurrency)), r -> { });
            assertThat(rs).hasSize(6);
            for (ResultRecord r : rs) {
                assertThat(r.error()).as(r.caseId()).isNull();
                String alone = texts.putIfAbsent(r.caseId(), r.text());
                if (alone != null) {
                    assertThat(r.text()).as("%s greedy, batched as alone", r.caseId()).isEqualTo(alone);
                }
            }
        }
    }

    @Test
    void resultLinesWithoutAPromptStillLoad() throws Exception {
        RunStore store = new RunStore(tmp.resolve("old"));
        Files.writeString(store.dir().resolve(RunStore.RESULTS), "{\"config\":\"r\",\"case\":\"quicksort\","
                + "\"repeat\":0,\"verdict\":\"passed\",\"passed\":true,\"text\":\"x\",\"metrics\":{},"
                + "\"token_latencies_ms\":[],\"checks\":[]}\n", StandardCharsets.UTF_8);
        List<ResultRecord> rs = store.readResults();
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).promptText()).isNull();
        assertThat(rs.get(0).text()).isEqualTo("x");
    }

    @Test
    void cancelledRunResumesAndATornLastLineIsDropped() throws Exception {
        RunConfig replay = new RunConfig("r", Map.of("backend", "replay:"
                + Assets.suites().resolve("article-answers.jsonl")));
        RunStore store = new RunStore(tmp.resolve("resume"));
        AtomicInteger generated = new AtomicInteger();
        Runner[] first = new Runner[1];
        first[0] = new Runner(CheckRegistry.standard(), config -> {
            Backend b = Backends.open(config);
            return new Backend() {
                @Override
                public Generation generate(EvalCase c, int repeat) {
                    if (generated.incrementAndGet() == 4) {
                        first[0].cancel();      // the user cancels while the 4th answer is generated
                    }
                    return b.generate(c, repeat);
                }

                @Override
                public String describe() {
                    return b.describe();
                }
            };
        });
        first[0].run(article, List.of(replay), new Runner.Options(2, 0, 1), store, r -> { });
        assertThat(store.readResults()).hasSize(3);
        // the process dies while writing a line: a torn, unterminated JSON fragment at the end
        Files.writeString(store.dir().resolve(RunStore.RESULTS), "{\"config\":\"r\",\"case\":\"quicks",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<ResultRecord> all = new Runner(CheckRegistry.standard(), Backends::open).run(article, List.of(replay),
                new Runner.Options(2, 0, 2), store, r -> { });
        assertThat(all).hasSize(12);
        assertThat(all.stream().map(ResultRecord::key).distinct().count()).isEqualTo(12);
        assertThat(all).allMatch(ResultRecord::passed);
        assertThat(Files.readAllLines(store.dir().resolve(RunStore.RESULTS))).hasSize(12);
        RunSummary s = Reports.write(store);
        assertThat(s.configs().get(0).passAtK()).containsKeys(1);
        assertThat(s.configs().get(0).passRate()).isEqualTo(1.0);
    }
}
