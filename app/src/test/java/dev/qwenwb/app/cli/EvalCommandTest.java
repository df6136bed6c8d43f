package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eval / report contract: the four files, the --json summary, replay re-scoring, comparison, errors. */
class EvalCommandTest {

    private static final Path SUITES = Path.of("..", "assets", "suites");

    @TempDir
    Path tmp;

    @Test
    void evalOnTheTinyModelWritesAllFourFilesWithAllMetrics() throws Exception {
        Path out = tmp.resolve("tiny");
        CommandLineTest.Run r = CommandLineTest.run("eval", "--suite", SUITES.resolve("article.yaml").toString(),
                "--model", TinyModels.tiny(TensorDType.F32).toString(), "--device", "cpu", "--max-tokens", "8",
                "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : new String[] {"results.jsonl", "summary.json", "report.html", "results.csv"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        JsonNode s = r.json();
        JsonNode m = s.get("configurations").get(0).get("metrics");
        for (String k : new String[] {"ttft_ms", "prefill_tokens_per_s", "decode_tokens_per_s", "itl_ms", "e2e_ms",
                "peak_memory_mb"}) {
            assertThat(m.get(k).get("median").isNumber()).as(k).isTrue();
        }
        JsonNode quick = s.get("cases").get(0).get("results").elements().next();
        assertThat(quick.has("passed")).isTrue();
        assertThat(quick.get("checks").get(0).has("reason")).isTrue();
    }

    @Test
    void replayOfTheArticlesAnswersPassesEveryCaseAndReportComparesRuns() throws Exception {
        Path right = tmp.resolve("right");
        Path wrong = tmp.resolve("wrong");
        CommandLineTest.Run a = CommandLineTest.run("eval", "--suite", SUITES.resolve("article.yaml").toString(),
                "--backend", "replay:" + SUITES.resolve("article-answers.jsonl"), "--out", right.toString(), "--json");
        assertThat(a.code()).as(a.err()).isZero();
        a.json().get("cases").forEach(c -> assertThat(c.get("results").get("replay").get("passed").asBoolean())
                .as(c.get("id").asText()).isTrue());
        CommandLineTest.Run b = CommandLineTest.run("eval", "--suite", SUITES.resolve("article.yaml").toString(),
                "--backend", "replay:" + SUITES.resolve("article-wrong-answers.jsonl"), "--out", wrong.toString());
        assertThat(b.out()).contains("replay: 0/6 passed");
        Files.delete(right.resolve("report.html"));
        CommandLineTest.Run rep = CommandLineTest.run("report", right.toString(), wrong.toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        assertThat(right.resolve("report.html")).isRegularFile();
        assertThat(wrong.resolve("compare.html")).isRegularFile();
        assertThat(rep.out()).contains("6 verdicts changed").contains("quicksort: passed → failed (broke)");
    }

    @Test
    void badSuiteIsOneLineNamingFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "name: bad\ncases:\n  - id: a\n    prompt: hi\n    checks:\n      - type: nope\n");
        CommandLineTest.Run r = CommandLineTest.run("eval", "--suite", f.toString(), "--backend", "replay:x.jsonl");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: " + f + ":6: unknown check type 'nope'").doesNotContain("\n");
        CommandLineTest.Run nodir = CommandLineTest.run("report", tmp.resolve("missing").toString());
        assertThat(nodir.err()).contains("not a run folder");
    }

    @Test
    void aResultThatCannotBeWrittenStopsTheRunWithAnErrorNamingTheFile() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, as on a full disk (root included)
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
        Path suite = Files.writeString(tmp.resolve("s.yaml"), "name: s\ncases:\n  - id: a\n    prompt: p\n"
                + "    checks: [{type: contains, value: x}]\n");
        Path answers = Files.writeString(tmp.resolve("a.jsonl"), "{\"case\": \"a\", \"text\": \"x\"}\n");
        Path out = Files.createDirectory(tmp.resolve("run"));
        Files.createSymbolicLink(out.resolve("results.jsonl"), full);
        CommandLineTest.Run r = CommandLineTest.run("eval", "--suite", suite.toString(), "--backend",
                "replay:" + answers, "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("error: ")))
                .containsExactly("error: " + out.resolve("results.jsonl") + ": cannot save a result (No space left on "
                        + "device); the run stops here, run again with the same folder to resume");
        assertThat(r.out()).as("no summary claims a finished run").doesNotContain("passed");
    }
}
