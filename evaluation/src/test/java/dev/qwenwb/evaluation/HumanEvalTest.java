package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.HumanEvalData;
import dev.qwenwb.evaluation.suite.HumanEvalProblem;
import dev.qwenwb.evaluation.suite.HumanEvalSuites;
import dev.qwenwb.inference.prompt.Prompt;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * HumanEval through the same harness: canonical solutions pass, empty completions fail. Every 8th problem by
 * default (fast); all 164 with {@code -Dhumaneval.full=true}.
 */
class HumanEvalTest {

    private static final CheckRegistry REGISTRY = CheckRegistry.standard();

    @Test
    void canonicalSolutionsPassAndEmptyCompletionsFail() {
        List<HumanEvalProblem> all = HumanEvalData.load(Assets.suites().resolve("humaneval/HumanEval.jsonl.gz"));
        assertThat(all).hasSize(164);
        int step = Boolean.getBoolean("humaneval.full") ? 1 : 8;
        List<HumanEvalProblem> sample = IntStream.range(0, all.size()).filter(i -> i % step == 0)
                .mapToObj(all::get).toList();
        long canonicalPassed = sample.parallelStream().filter(p -> verdict(p, p.canonicalSolution()) == Verdict.PASSED)
                .count();
        long emptyFailed = sample.parallelStream().filter(p -> verdict(p, "") == Verdict.FAILED).count();
        assertThat(canonicalPassed).isEqualTo(sample.size());
        assertThat(emptyFailed).isEqualTo(sample.size());
    }

    @Test
    void instructPromptIsQwensEvalPlusPromptAndExtractedCodePasses() {
        HumanEvalProblem p = HumanEvalData.load(Assets.suites().resolve("humaneval/HumanEval.jsonl.gz")).get(0);
        EvalCase c = HumanEvalSuites.instruct(p, "test");
        assertThat(((Prompt.Chat) c.prompt()).messages().get(1).content()).startsWith("Can you complete the following Python function?\n```python\n");
        String answer = "Sure!\n```python\n" + p.prompt() + p.canonicalSolution() + "```\n";
        assertThat(REGISTRY.create(c.checks().get(0)).evaluate(new Answer(c.id(), answer, Metrics.NONE)).verdict())
                .isEqualTo(Verdict.PASSED);
    }

    private static Verdict verdict(HumanEvalProblem p, String completion) {
        EvalCase c = HumanEvalSuites.completion(p, "test");
        return REGISTRY.create(c.checks().get(0)).evaluate(new Answer(c.id(), completion, Metrics.NONE)).verdict();
    }
}
