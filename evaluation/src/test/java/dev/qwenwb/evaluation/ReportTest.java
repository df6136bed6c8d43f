package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.report.Comparison;
import dev.qwenwb.evaluation.report.CsvReport;
import dev.qwenwb.evaluation.report.HtmlReport;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.report.SummaryJson;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path tmp;

    private RunSummary run(String answers) {
        Suite s = new SuiteLoader(CheckRegistry.standard()).load(Assets.suites().resolve("article.yaml"));
        RunStore store = new RunStore(tmp.resolve(answers));
        new Runner(CheckRegistry.standard(), Backends::open).run(s, List.of(new RunConfig("replay",
                Map.of("backend", "replay:" + Assets.suites().resolve(answers)))), new Runner.Options(1, 0, 2), store,
                r -> { });
        return Reports.write(store);
    }

    @Test
    void summaryHtmlCsvAndComparisonSayWhatHappened() {
        RunSummary right = run("article-answers.jsonl");
        RunSummary wrong = run("article-wrong-answers.jsonl");

        JsonNode summary = SummaryJson.of(wrong);
        JsonNode q = summary.get("cases").get(0);
        assertThat(q.get("id").asText()).isEqualTo("quicksort");
        JsonNode check = q.get("results").get("replay").get("checks").get(0);
        assertThat(check.get("type").asText()).isEqualTo("python-tests");
        assertThat(check.get("pass").asBoolean()).isFalse();
        assertThat(check.get("reason").asText()).contains("expected [1, 1, 2, 3, 6, 8, 10]");
        assertThat(summary.get("claims")).hasSize(5);
        assertThat(summary.get("configurations").get(0).get("pass_rate").asDouble()).isZero();

        String html = HtmlReport.of(right);
        assertThat(html).contains("<svg").contains("Claimed vs measured").contains("120 tokens/s")
                .contains("not measured by this run").doesNotContain("<script").contains("quicksort([3,6,8,10,1,2,1])");
        assertThat(CsvReport.of(right).split("\r\n")).hasSize(7);

        ObjectNode cmp = Comparison.json(right, wrong);
        JsonNode flips = cmp.get("pairs").get(0).get("flips");
        assertThat(flips).hasSize(6);
        assertThat(flips.get(0).get("change").asText()).isEqualTo("broke");
        assertThat(Comparison.html(cmp, "a", "b")).contains("broke").contains("fetch-wrapper");
    }
}
