package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's own answers pass every case; plausible wrong answers fail each with a readable reason. */
class ArticleSuiteTest {

    @TempDir
    Path tmp;

    private List<ResultRecord> replay(String answers) {
        Suite s = new SuiteLoader(CheckRegistry.standard()).load(Assets.suites().resolve("article.yaml"));
        RunConfig c = new RunConfig("replay", Map.of("backend", "replay:" + Assets.suites().resolve(answers)));
        return new Runner(CheckRegistry.standard(), Backends::open).run(s, List.of(c), new Runner.Options(1, 0, 2),
                new RunStore(tmp.resolve(answers)), r -> { });
    }

    @Test
    void theArticlesAnswersPassEveryCase() {
        List<ResultRecord> rs = replay("article-answers.jsonl");
        assertThat(rs).hasSize(6);
        for (ResultRecord r : rs) {
            assertThat(r.verdict()).as(r.caseId() + ": " + r.checks()).isEqualTo(Verdict.PASSED);
        }
    }

    @Test
    void wrongAnswersFailWithAReasonAPersonUnderstands() {
        Map<String, String> reasons = replay("article-wrong-answers.jsonl").stream().collect(Collectors.toMap(
                ResultRecord::caseId, r -> {
                    assertThat(r.verdict()).as(r.caseId()).isEqualTo(Verdict.FAILED);
                    return r.checks().stream().filter(c -> !c.pass()).map(c -> c.reason()).findFirst().orElseThrow();
                }));
        assertThat(reasons).hasSize(6);
        assertThat(reasons.get("quicksort")).contains("quicksort([3, 6, 8, 10, 1, 2, 1]) returned [1, 2, 3, 6, 8, 10]");
        assertThat(reasons.get("fetch-wrapper")).contains("POST: body was [object Object]");
        assertThat(reasons.get("dockerfile")).contains("is not alpine").contains("does not expose 3000")
                .contains("sets no ENV or ARG").contains("without a lock file");
        assertThat(reasons.get("repo-context")).contains("did not insert (and commit) the user");
        assertThat(reasons.get("palindrome")).contains("is_palindrome('A man, a plan, a canal: Panama') returned False");
        assertThat(reasons.get("fibonacci")).contains("fibonacci(0) returned 0, expected []");
    }
}
