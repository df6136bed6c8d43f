package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Interpreters;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.evaluation.testing.HostileCode;
import dev.qwenwb.evaluation.testing.HostileCode.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts that must not lie, with real python3 and node child processes: a pass means the tests ran to their
 * end (an answer that exits early with 0 fails), an inverted check passes only on a failing assertion (never on a
 * limit or an early exit), and a file-size limit is named in the verdict.
 */
class HonestVerdictsTest {

    @TempDir
    Path tmp;

    private Path pids;
    private Set<Long> before;

    @BeforeEach
    void setUp() {
        pids = tmp.resolve("pids");
        before = HostileCode.descendantsNow();
    }

    @Test
    void pythonAnswersThatExitEarlyWithZeroFailAndHonestOnesPass() throws IOException {
        String tests = "tests: assert candidate(2, 3) == 5\n        entry: add";
        for (Kind k : List.of(Kind.EXIT_ZERO_EARLY, Kind.RAISE_SYSTEM_EXIT_ZERO, Kind.PRINT_FAKE_PASS_AND_EXIT)) {
            CheckResult r = check("python-tests", tests, python(HostileCode.python(k, pids)));
            assertThat(r.verdict()).as(k + ": " + r.reason()).isEqualTo(Verdict.FAILED);
            assertThat(r.reason()).isEqualTo("failed: the tests did not run to the end (the code exited with code 0 "
                    + "before the last assertion)");
            HostileCode.assertNothingSurvived(pids, before, 1);
        }
        CheckResult honest = check("python-tests", tests, python("def add(a, b):\n    return a + b\n"));
        assertThat(honest.verdict()).as(honest.reason()).isEqualTo(Verdict.PASSED);
        CheckResult wrong = check("python-tests", tests, python("def add(a, b):\n    return a - b\n"));
        assertThat(wrong.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(wrong.reason()).startsWith("failed: AssertionError");
        CheckResult future = check("python-tests", tests,
                python("from __future__ import annotations\ndef add(a: int, b: int) -> int:\n    return a + b\n"));
        assertThat(future.verdict()).as("a __future__ import still comes first: " + future.reason())
                .isEqualTo(Verdict.PASSED);
    }

    @Test
    void nodeAnswersThatCallProcessExitZeroFailAndHonestOnesPass() throws IOException {
        assumeTrue(Interpreters.find(List.of("node")).isPresent(), "node is not installed");
        String tests = "tests: \"if (candidate(2, 3) !== 5) throw new Error('wrong sum')\"\n        entry: add";
        CheckResult early = check("node-tests", tests, js(HostileCode.javascript(Kind.EXIT_ZERO_EARLY, pids)
                + "function add(a, b) { return a + b; }\n"));
        assertThat(early.verdict()).as(early.reason()).isEqualTo(Verdict.FAILED);
        assertThat(early.reason()).contains("did not run to the end");
        HostileCode.assertNothingSurvived(pids, before, 1);
        CheckResult honest = check("node-tests", tests, js("function add(a, b) { return a + b; }\n"));
        assertThat(honest.verdict()).as(honest.reason()).isEqualTo(Verdict.PASSED);
        CheckResult wrong = check("node-tests", tests, js("function add(a, b) { return a - b; }\n"));
        assertThat(wrong.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(wrong.reason()).isEqualTo("failed: FAIL: wrong sum");
        CheckResult inverted = check("not-node-tests", tests, js("function add(a, b) { return a - b; }\n"));
        assertThat(inverted.verdict()).as(inverted.reason()).isEqualTo(Verdict.PASSED);
        CheckResult bigFile = check("node-tests", "tests: \"1\"\n        file_size_mb: 1",
                js(HostileCode.javascript(Kind.WRITE_8_MB_FILE, pids)));
        assertThat(bigFile.reason()).isEqualTo("failed: file size limit exceeded (limit 1 MB)");
    }

    @Test
    void anInvertedCheckPassesOnAFailingAssertionOnlyNeverOnALimitOrAnEarlyExit() throws IOException {
        String tests = "tests: assert candidate(2, 3) == 5\n        entry: add";
        CheckResult assertion = check("not-python-tests", tests, python("def add(a, b):\n    return a - b\n"));
        assertThat(assertion.verdict()).as(assertion.reason()).isEqualTo(Verdict.PASSED);
        assertThat(assertion.reason()).startsWith("as expected, failed: AssertionError");

        CheckResult oom = check("not-python-tests", tests + "\n        memory_mb: 300",
                python(HostileCode.python(Kind.ALLOCATE_BEYOND_LIMIT, pids)));
        assertThat(oom.verdict()).as(oom.reason()).isEqualTo(Verdict.ERROR);
        assertThat(oom.reason()).isEqualTo("error: not a failing assertion, so it proves nothing: out of memory "
                + "(limit 300 MB)");

        CheckResult cpu = check("not-python-tests", tests + "\n        cpu_s: 1\n        timeout_s: 30",
                python(HostileCode.python(Kind.LOOP_FOREVER, pids)));
        assertThat(cpu.verdict()).as(cpu.reason()).isEqualTo(Verdict.ERROR);
        assertThat(cpu.reason()).endsWith("CPU time limit of 1 s reached");

        CheckResult file = check("not-python-tests", tests + "\n        file_size_mb: 1",
                python(HostileCode.python(Kind.WRITE_8_MB_FILE, pids)));
        assertThat(file.verdict()).as(file.reason()).isEqualTo(Verdict.ERROR);
        assertThat(file.reason()).endsWith("file size limit exceeded (limit 1 MB)");

        CheckResult exit = check("not-python-tests", tests, python(HostileCode.python(Kind.EXIT_ZERO_EARLY, pids)));
        assertThat(exit.verdict()).as(exit.reason()).isEqualTo(Verdict.ERROR);

        CheckResult timeout = check("not-python-tests", tests + "\n        timeout_s: 1",
                python(HostileCode.python(Kind.LOOP_FOREVER, pids)));
        assertThat(timeout.verdict()).isEqualTo(Verdict.TIMED_OUT);
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void writingPastTheFileSizeLimitFailsAndSaysSo() throws IOException {
        CheckResult r = check("python-tests", "tests: assert True\n        file_size_mb: 1",
                python(HostileCode.python(Kind.WRITE_8_MB_FILE, pids)));
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.reason()).isEqualTo("failed: file size limit exceeded (limit 1 MB)");
        CheckResult roomy = check("python-tests", "tests: assert True\n        file_size_mb: 16",
                python(HostileCode.python(Kind.WRITE_8_MB_FILE, pids)));
        assertThat(roomy.verdict()).as(roomy.reason()).isEqualTo(Verdict.PASSED);
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    /** Loads a one-case suite with this check (as a user writes it) and runs it on the answer. */
    private CheckResult check(String type, String options, String answer) throws IOException {
        Path f = Files.writeString(tmp.resolve("suite.yaml"), "name: honest\ncases:\n  - id: c\n    prompt: p\n"
                + "    checks:\n      - type: " + type + "\n        " + options + "\n");
        CheckRegistry registry = CheckRegistry.standard();
        Suite s = new SuiteLoader(registry).load(f);
        return registry.create(s.cases().get(0).checks().get(0)).evaluate(new Answer("c", answer, Metrics.NONE));
    }

    private static String python(String code) {
        return "```python\n" + code + "```\n";
    }

    private static String js(String code) {
        return "```javascript\n" + code + "```\n";
    }
}
