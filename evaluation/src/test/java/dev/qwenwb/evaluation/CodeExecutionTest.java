package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.check.CheckSpec;
import dev.qwenwb.evaluation.check.CodeExtractor;
import dev.qwenwb.evaluation.exec.ExecResult;
import dev.qwenwb.evaluation.exec.Interpreters;
import dev.qwenwb.evaluation.exec.Limits;
import dev.qwenwb.evaluation.exec.ProcessRunner;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.inference.prompt.Prompt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code extraction and the child-process runner: limits, kill, cap, environment, missing interpreter. */
class CodeExecutionTest {

    @TempDir
    Path tmp;

    private static String python() {
        return Interpreters.find(List.of("python3", "python")).orElseThrow().toString();
    }

    @Test
    void extractsFencedBlocksWithOrWithoutTagsSeveralBlocksAndBareCode() {
        assertThat(CodeExtractor.extract("Here:\n```python\ndef f():\n    return 1\n```\nDone.", "python", List.of()))
                .isEqualTo("def f():\n    return 1\n");
        assertThat(CodeExtractor.extract("```\nx = 1\n```", "python", List.of())).isEqualTo("x = 1\n");
        String two = "```python\ndef helper():\n    pass\n```\ntext\n```python\ndef f():\n    helper()\n```\n"
                + "```bash\npip install x\n```";
        assertThat(CodeExtractor.extract(two, "python", List.of())).contains("def helper").contains("def f")
                .doesNotContain("pip");
        assertThat(CodeExtractor.extract("def f():\n    return 2\n", "python", List.of())).contains("return 2");
        assertThat(CodeExtractor.extract("```js\nfunction a() {}\n", "javascript", List.of())).contains("function a");
    }

    @Test
    void runawayProcessTreeIsKilledAtTheTimeLimit() {
        long start = System.nanoTime();
        ExecResult r = new ProcessRunner(Limits.of(Duration.ofMillis(1500))).run(List.of(python(), "-c",
                "import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])"
                        + "\nprint('started', flush=True)\ntime.sleep(60)"), tmp);
        assertThat(r.timedOut()).isTrue();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
        assertThat(ProcessHandle.current().descendants().count()).isZero();
    }

    @Test
    void outputIsCappedAndTheEnvironmentIsScrubbed() {
        ExecResult r = new ProcessRunner(Limits.of(Duration.ofSeconds(20)).withOutputCap(1000)).run(List.of(python(),
                "-c", "import os\nprint(sorted(os.environ))\nprint('x' * 100000)"), tmp);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(1000);
        assertThat(r.stdoutDropped()).isGreaterThan(99_000);
        assertThat(r.stdout()).contains("'HOME'").contains("'PATH'").doesNotContain("'USER'")
                .doesNotContain("'JAVA_HOME'").doesNotContain("'MAVEN").doesNotContain("'DJL_OFFLINE'").contains("'LANG'");
    }

    @Test
    void missingInterpreterSkipsTheCheckWithTheReason() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "python-tests").put("tests", "pass")
                .put("interpreter", "python3-that-does-not-exist");
        CheckResult r = check(o, "```python\nx = 1\n```");
        assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(r.reason()).contains("python3-that-does-not-exist not found");
    }

    @Test
    void outcomesArePassedFailedTimedOutAndNotInvertsThem() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "python-tests")
                .put("tests", "assert candidate(2) == 4, 'square(2) is not 4'").put("timeout_s", 3);
        o.putArray("entry").add("square");
        assertThat(check(o, "def square(x):\n    return x * x\n").verdict()).isEqualTo(Verdict.PASSED);
        CheckResult failed = check(o, "def square(x):\n    return x + x + 1\n");
        assertThat(failed.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(failed.reason()).isEqualTo("failed: AssertionError: square(2) is not 4");
        assertThat(check(o, "def square(x):\n    while True:\n        pass\n").verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(check(o, "no code here, sorry").reason()).contains("SyntaxError");
        ObjectNode not = JsonNodeFactory.instance.objectNode().put("type", "not-contains").put("value", "TODO");
        assertThat(check(not, "done").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(check(not, "TODO later").verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void nodeTestsRunJavaScript() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "node-tests")
                .put("tests", "if (candidate(2, 3) !== 5) throw new Error('add(2, 3) is ' + candidate(2, 3));");
        o.putArray("entry").add("add");
        assertThat(check(o, "```javascript\nconst add = (a, b) => a + b;\n```").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(check(o, "```js\nfunction add(a, b) { return a - b; }\n```").reason())
                .isEqualTo("failed: FAIL: add(2, 3) is -1");
    }

    private static CheckResult check(ObjectNode o, String answer) {
        String type = o.get("type").asText();
        boolean neg = type.startsWith("not-");
        CheckSpec spec = new CheckSpec(neg ? type.substring(4) : type, neg, o, "test:1");
        EvalCase c = new EvalCase("c", "c", "python", Prompt.raw(""), 0, List.of(), List.of(spec));
        return CheckRegistry.standard().create(spec).evaluate(new Answer(c.id(), answer, Metrics.NONE));
    }
}
