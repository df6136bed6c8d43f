package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.evaluation.testing.HostileCode;
import dev.qwenwb.evaluation.testing.HostileCode.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile answers scored by {@code python-tests} inside a real eval run (Runner + ReplayBackend): each case
 * gets the verdict that says what its code did, the run goes on past them, nothing they started survives, and
 * a run that was cut short resumes and finishes.
 */
class HostileChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final Map<Kind, Path> pids = new EnumMap<>(Kind.class);
    private Set<Long> before;
    private Suite suite;
    private RunConfig replay;

    @BeforeEach
    void writeSuiteAndAnswers() throws IOException {
        before = HostileCode.descendantsNow();
        Kind[] kinds = {Kind.KILL_PARENT, Kind.FORK_50_AND_EXIT, Kind.SETSID_DOUBLE_FORK_AND_HANG,
                Kind.ALLOCATE_BEYOND_LIMIT, Kind.PRINT_100_MB, Kind.LOOP_FOREVER};
        StringBuilder yaml = new StringBuilder("name: hostile\ncases:\n");
        List<String> answers = new ArrayList<>();
        for (Kind k : kinds) {
            String id = k.name().toLowerCase().replace('_', '-');
            pids.put(k, tmp.resolve(id + ".pids"));
            yaml.append("  - id: ").append(id).append("\n    prompt: write code\n    language: python\n")
                    .append("    checks:\n      - type: python-tests\n        timeout_s: 2\n")
                    .append("        tests: assert True\n");
            Map<String, String> line = new LinkedHashMap<>();
            line.put("case", id);
            line.put("text", "```python\n" + HostileCode.python(k, pids.get(k)) + "```\n");
            answers.add(JSON.writeValueAsString(line));
        }
        yaml.append("  - id: honest\n    prompt: add\n    language: python\n    checks:\n")
                .append("      - type: python-tests\n        entry: add\n        tests: assert candidate(2, 3) == 5\n");
        answers.add("{\"case\": \"honest\", \"text\": \"```python\\ndef add(a, b):\\n    return a + b\\n```\"}");
        Path suiteFile = Files.writeString(tmp.resolve("hostile.yaml"), yaml);
        Path replayFile = Files.write(tmp.resolve("answers.jsonl"), answers);
        suite = new SuiteLoader(CheckRegistry.standard()).load(suiteFile);
        replay = new RunConfig("replay", Map.of("backend", "replay:" + replayFile));
    }

    @Test
    void everyHostileAnswerGetsItsVerdictTheRunGoesOnAndResumes() throws IOException {
        RunStore store = new RunStore(tmp.resolve("run"));
        List<ResultRecord> rs = new Runner(CheckRegistry.standard(), Backends::open).run(suite, List.of(replay),
                new Runner.Options(1, 0, 2), store, r -> { });
        Map<String, CheckResult> byCase = rs.stream().collect(Collectors.toMap(ResultRecord::caseId,
                r -> r.checks().get(0)));
        assertThat(byCase).hasSize(7);
        assertThat(byCase.get("kill-parent").verdict()).isEqualTo(Verdict.ERROR);
        assertThat(byCase.get("kill-parent").reason()).startsWith("error: the code killed its parent process");
        assertThat(byCase.get("fork-50-and-exit").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(byCase.get("fork-50-and-exit").reason()).endsWith("50 left-over processes killed");
        assertThat(byCase.get("setsid-double-fork-and-hang").verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(byCase.get("setsid-double-fork-and-hang").reason())
                .isEqualTo("timed out after 2 s (all its processes were killed)");
        assertThat(byCase.get("allocate-beyond-limit").verdict()).isEqualTo(Verdict.FAILED);
        assertThat(byCase.get("allocate-beyond-limit").reason()).isEqualTo("failed: out of memory (limit 2048 MB)");
        assertThat(byCase.get("print-100-mb").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(byCase.get("loop-forever").verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(byCase.get("honest").verdict()).isEqualTo(Verdict.PASSED);
        assertNothingSurvived();

        // as if the workbench had died on the first hostile case: only the honest result was written
        Path results = store.dir().resolve(RunStore.RESULTS);
        List<String> kept = Files.readAllLines(results).stream().filter(l -> l.contains("\"honest\""))
                .collect(Collectors.toList());
        Files.write(results, kept);
        List<ResultRecord> resumed = new Runner(CheckRegistry.standard(), Backends::open).run(suite,
                List.of(replay), new Runner.Options(1, 0, 2), store, r -> { });
        assertThat(resumed).hasSize(7);
        assertThat(resumed.stream().filter(r -> r.caseId().equals("kill-parent")).findFirst().orElseThrow()
                .checks().get(0).verdict()).isEqualTo(Verdict.ERROR);
        assertNothingSurvived();
    }

    private void assertNothingSurvived() {
        for (Map.Entry<Kind, Path> e : pids.entrySet()) {
            int atLeast = e.getKey() == Kind.FORK_50_AND_EXIT ? 51
                    : e.getKey() == Kind.SETSID_DOUBLE_FORK_AND_HANG ? 2 : 1;
            HostileCode.assertNothingSurvived(e.getValue(), before, atLeast);
        }
    }
}
