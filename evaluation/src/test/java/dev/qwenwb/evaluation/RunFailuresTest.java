package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.ResultJson;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteException;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results that used to vanish or lie inside a real run (Runner + replayed answers + run folder): a regex that
 * would backtrack for ever or overflow the stack, a check that overflows the stack, a result that cannot be
 * written (a full disk: {@code /dev/full}), an answer of 30 MB.
 */
class RunFailuresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(120) // a bound for a hang, not a measurement: the backtracking engine never returned in 150 s
    void regexChecksRunInLinearTimeAndWithoutRecursion() throws IOException {
        Suite s = suite("  - id: backtrack\n    prompt: p\n    checks:\n      - type: regex\n        value: \"(x+x+)+y\"\n"
                + "  - id: alternation\n    prompt: p\n    checks:\n      - type: regex\n        value: \"^(a|aa)+$\"\n"
                + "  - id: fence\n    prompt: p\n    checks:\n      - type: regex\n"
                + "        value: \"```python(.|\\\\n)*def\"\n");
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("backtrack", "x".repeat(5000));
        answers.put("alternation", "a".repeat(100_000));
        answers.put("fence", "```python\n" + "# filler line\n".repeat(2500) + "def f():\n    pass\n```\n");
        List<ResultRecord> rs = run(s, answers, new RunStore(tmp.resolve("run")));
        assertThat(rs).hasSize(3);
        assertThat(byCase(rs, "backtrack").verdict()).isEqualTo(Verdict.FAILED);
        assertThat(byCase(rs, "alternation").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(byCase(rs, "fence").verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aPatternRe2CannotCompileIsRefusedWhenTheSuiteLoads() throws IOException {
        for (String pattern : new String[] {"(a)\\\\1", "foo(?=bar)", "(?<!x)y"}) {
            Path f = Files.writeString(tmp.resolve("re.yaml"), "name: re\ncases:\n  - id: a\n    prompt: p\n"
                    + "    checks:\n      - type: regex\n        value: \"" + pattern + "\"\n");
            assertThatThrownBy(() -> new SuiteLoader(CheckRegistry.standard()).load(f))
                    .isInstanceOf(SuiteException.class)
                    .hasMessageStartingWith(f + ":6: check 'regex': bad pattern: ")
                    .hasMessageEndingWith(" (RE2 syntax: no backreferences or lookaround) (in case 'a')")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aCheckThatOverflowsTheStackIsAnErrorVerdictRecordedLikeAnyOther() throws IOException {
        CheckRegistry registry = CheckRegistry.standard();
        registry.register("deep", spec -> answer -> CheckResult.class.cast(recurse(0)));
        Path f = Files.writeString(tmp.resolve("deep.yaml"), "name: deep\ncases:\n"
                + "  - id: a\n    prompt: p\n    checks:\n      - type: deep\n      - type: contains\n        value: x\n"
                + "  - id: b\n    prompt: p\n    checks:\n      - type: contains\n        value: x\n");
        Suite s = new SuiteLoader(registry).load(f);
        RunStore store = new RunStore(tmp.resolve("run"));
        List<ResultRecord> rs = new Runner(registry, Backends::open).run(s, List.of(replay(Map.of("a", "x", "b",
                "x"))), new Runner.Options(1, 0, 1), store, r -> { });
        assertThat(rs).hasSize(2);
        ResultRecord a = byCase(rs, "a");
        assertThat(a.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(a.checks().get(0).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(a.checks().get(0).reason()).isEqualTo("error: the check could not run: it ran out of stack "
                + "(StackOverflowError)");
        assertThat(a.checks().get(1).verdict()).as("the case's other checks still ran").isEqualTo(Verdict.PASSED);
        assertThat(Files.readAllLines(store.dir().resolve(RunStore.RESULTS))).hasSize(2);
        assertThat(Reports.write(store).configs().get(0).results()).isEqualTo(2);
    }

    @Test
    void aResultThatCannotBeSavedStopsTheRunNamingTheFileAndTheRunResumes() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, as on a full disk, root or not
        assumeTrue(Files.exists(full), "no /dev/full here");
        StringBuilder cases = new StringBuilder();
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            cases.append("  - id: c").append(i).append("\n    prompt: p\n    checks:\n      - type: contains\n")
                    .append("        value: x\n");
            answers.put("c" + i, "x");
        }
        Suite s = suite(cases.toString());
        RunStore store = new RunStore(tmp.resolve("run"));
        Path results = store.dir().resolve(RunStore.RESULTS);
        Path aside = tmp.resolve("saved.jsonl");
        AtomicInteger heard = new AtomicInteger();
        RunConfig replay = replay(answers);
        assertThatThrownBy(() -> new Runner(CheckRegistry.standard(), Backends::open).run(s, List.of(replay),
                new Runner.Options(1, 0, 1), store, r -> {
                    if (heard.incrementAndGet() == 2) { // the disk fills up after the second result
                        try {
                            Files.move(results, aside);
                            Files.createSymbolicLink(results, full);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage(results + ": cannot save a result (No space left on device); the run stops here, run "
                        + "again with the same folder to resume");
        assertThat(heard.get()).as("nothing reported as recorded after the failed write").isEqualTo(2);
        assertThat(Files.readAllLines(aside)).hasSize(2);

        Files.delete(results);
        Files.move(aside, results);
        List<ResultRecord> resumed = new Runner(CheckRegistry.standard(), Backends::open).run(s, List.of(replay),
                new Runner.Options(1, 0, 1), store, r -> { });
        assertThat(resumed).hasSize(6);
        assertThat(resumed).allMatch(ResultRecord::passed);
    }

    @Test
    void aFolderThatCannotBeWrittenIsFoundBeforeTheRun() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "");
        assertThatThrownBy(() -> new RunStore(file.resolve("run")))
                .hasMessage(file.resolve("run") + ": cannot create the run folder (Not a directory)");
        Path proc = Path.of("/proc/self"); // a folder no one can create files in, root included
        if (Files.isDirectory(proc)) {
            assertThatThrownBy(() -> new RunStore(proc).checkWritable()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(proc + ": cannot write the run folder here (");
        }
        RunStore store = new RunStore(tmp.resolve("ok"));
        store.checkWritable();
        assertThat(Files.list(store.dir())).as("the probe leaves nothing behind").isEmpty();
    }

    @Test
    void aThirtyMegabyteAnswerLeavesTheRunReportableAndResumable() throws IOException {
        Suite s = suite("  - id: huge\n    prompt: p\n    checks:\n      - type: contains\n        value: x\n"
                + "  - id: small\n    prompt: p\n    checks:\n      - type: contains\n        value: x\n");
        RunStore store = new RunStore(tmp.resolve("run"));
        String huge = "x".repeat(15 << 20) + "\u4e2d".repeat(15 << 20); // 30 M characters, 60 MB of UTF-8
        ResultRecord big = new ResultRecord("replay", "huge", 0, huge, dev.qwenwb.evaluation.stats.Metrics.NONE,
                new double[0], List.of(new CheckResult("contains", Verdict.PASSED, 1, "ok")), Verdict.PASSED, null);
        store.append(big);
        List<ResultRecord> read = store.readResults();
        assertThat(read).hasSize(1);
        assertThat(read.get(0).text()).hasSizeLessThan(ResultJson.MAX_STORED_CHARS + 100)
                .startsWith("xxxx").endsWith("more characters not stored]");
        // a line of 30 M characters written before answers were cut still loads
        Files.writeString(store.dir().resolve(RunStore.RESULTS), ResultJson.write(big).put("text", huge).toString()
                + "\n");
        assertThat(store.readResults().get(0).text()).hasSize(30 << 20);

        List<ResultRecord> resumed = run(s, Map.of("huge", "x", "small", "x"), store);
        assertThat(resumed).hasSize(2);
        RunSummary summary = Reports.write(store);
        assertThat(summary.configs().get(0).results()).isEqualTo(2);
        assertThat(store.dir().resolve(Reports.HTML)).exists();
    }

    private static Object recurse(int n) {
        return n < 0 ? null : recurse(n + 1);
    }

    private Suite suite(String cases) throws IOException {
        Path f = Files.writeString(tmp.resolve("suite.yaml"), "name: failures\ncases:\n" + cases);
        return new SuiteLoader(CheckRegistry.standard()).load(f);
    }

    private RunConfig replay(Map<String, String> answers) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : answers.entrySet()) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("case", e.getKey());
            line.put("text", e.getValue());
            lines.add(JSON.writeValueAsString(line));
        }
        Path f = Files.write(tmp.resolve("answers.jsonl"), lines);
        return new RunConfig("replay", Map.of("backend", "replay:" + f));
    }

    private List<ResultRecord> run(Suite s, Map<String, String> answers, RunStore store) throws IOException {
        return new Runner(CheckRegistry.standard(), Backends::open).run(s, List.of(replay(answers)),
                new Runner.Options(1, 0, 2), store, r -> { });
    }

    private static ResultRecord byCase(List<ResultRecord> rs, String id) {
        return rs.stream().filter(r -> r.caseId().equals(id)).findFirst().orElseThrow();
    }
}
