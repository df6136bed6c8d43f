package dev.qwenwb.app.ui.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.UiQueue;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.inference.prompt.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation view's state on the real runner, with the replay backend and a scripted generator (deterministic
 * per-token timings, a fake clock for progress): live progress, grid and charts; filters; resume after a crash;
 * two runs compared; configurations and their sets; a broken suite.
 */
class EvaluationViewModelTest {

    @TempDir
    Path tmp;

    private final UiQueue ui = new UiQueue();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<EvaluationSettings> saved = new ArrayList<>();
    private final List<String> handedOff = new ArrayList<>();
    private EvalFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EvalFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    private EvaluationViewModel vm(Function<RunConfig, Backend> backends) {
        EvaluationEnvironment env = new EvaluationEnvironment(tmp.resolve("runs"), tmp.resolve("suites"),
                tmp.resolve("demo"), backends, 0, 2, clock::get);
        EvaluationViewModel vm = new EvaluationViewModel(ui, background, env, fixture.settings(), saved::add,
                (title, messages, answer, metrics, artifacts) -> handedOff.add(title + "|" + messages.get(0).content()
                        + "|" + answer + "|" + artifacts));
        ui.until("suite loaded", 10, () -> vm.suite().suiteProperty().get() != null);
        return vm;
    }

    /** Replay answers instantly; the scripted configuration steps the clock 1 s per answer and holds case c. */
    private Function<RunConfig, Backend> gated(ScriptedGenerator g, CountDownLatch gate) {
        Function<RunConfig, Backend> plain = EvalFixture.backends(() -> g);
        return config -> config.backend().equals("scripted")
                ? new GatedBackend(plain.apply(config), clock, 1000, "c", gate) : plain.apply(config);
    }

    private static Cell cell(EvaluationViewModel vm, String caseId, String config) {
        return vm.grid().row(caseId).cell(config).get();
    }

    @Test
    void aRunFillsProgressGridAndChartsWhileItGoesAndPersistsEveryResult() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        EvaluationViewModel vm = vm(gated(EvalFixture.scripted(true), gate));
        assertThat(vm.suite().cases()).extracting(c -> c.title()).containsExactly("Alpha", "Beta", "Gamma");
        vm.run();
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.RUNNING);
        ui.until("c in flight for scripted", 20, () -> vm.grid().row("c") != null
                && cell(vm, "c", "scripted").inFlight() && vm.progress().size() == 2
                && vm.progress().get(1).doneProperty().get() == 2);

        // live, mid-run: rows filled, the case in flight marked, chart points for the two answered cases
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.RUNNING);
        assertThat(cell(vm, "a", "replay").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(cell(vm, "b", "scripted").verdict()).isEqualTo(Verdict.FAILED);
        assertThat(cell(vm, "b", "scripted").reasons()).containsExactly("contains: the answer does not contain \"beta\"");
        assertThat(cell(vm, "c", "scripted").results()).isEmpty();
        RunProgressViewModel scripted = vm.progress().get(1);
        assertThat(scripted.name()).isEqualTo("scripted");
        assertThat(scripted.totalProperty().get()).isEqualTo(3);
        assertThat(scripted.currentProperty().get()).isEqualTo("c");
        assertThat(scripted.elapsedMsProperty().get()).isEqualTo(2000);
        assertThat(scripted.etaMsProperty().get()).as("1 s per case, one case left").isEqualTo(1000);
        assertThat(vm.progress().get(0).fractionProperty().get()).isEqualTo(1.0);
        assertThat(vm.charts().ttft()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("scripted");
            assertThat(s.bars()).extracting(BarSeries.Bar::caseId).containsExactly("a", "b");
            assertThat(s.bars()).extracting(BarSeries.Bar::value).containsOnly(2.0); // the scripted 2 ms per token
        });
        assertThat(vm.charts().decode().get(0).bars()).extracting(BarSeries.Bar::value).containsOnly(500.0);
        assertThat(vm.charts().latency()).extracting(LineSeries::name)
                .containsExactly("scripted · a", "scripted · median");
        assertThat(vm.canResumeProperty().get()).isFalse();

        gate.countDown();
        ui.until("finished", 20, () -> vm.stateProperty().get() == RunState.FINISHED);
        assertThat(cell(vm, "c", "scripted").inFlight()).isFalse();
        assertThat(cell(vm, "c", "scripted").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(vm.charts().ttft().get(0).bars()).hasSize(3);
        assertThat(scripted.etaMsProperty().get()).isZero();
        assertThat(vm.summary()).extracting(SummaryRow::config).containsExactly("replay", "scripted");
        assertThat(vm.summary().get(0).passAt1()).isEqualTo(1.0);
        assertThat(vm.summary().get(1).passAt1()).isEqualTo(2.0 / 3);
        assertThat(vm.summary().get(1).ttft().median()).isEqualTo(2.0);
        assertThat(vm.claims()).singleElement().satisfies(c -> {
            assertThat(c.cells().get(0).differences()).containsExactly("a replay of recorded answers: nothing is timed");
            assertThat(c.cells().get(1).value()).isEqualTo(500.0);
        });

        Path dir = vm.runDirProperty().get();
        assertThat(dir.getParent()).isEqualTo(tmp.resolve("runs").toAbsolutePath());
        List<ResultRecord> persisted = new RunStore(dir).readResults();
        assertThat(persisted).hasSize(6);
        assertThat(persisted.stream().filter(r -> r.config().equals("scripted")))
                .allMatch(r -> r.promptText() != null && r.promptText().contains("say "));
        assertThat(dir.resolve("report.html")).isRegularFile();
        ui.until("history lists the run", 10, () -> vm.history().runs().size() == 1
                && vm.history().runs().get(0).complete());
        assertThat(vm.history().runs().get(0).passRates()).containsEntry("replay", 1.0);
    }

    @Test
    void filtersShowFailuresAndDisagreementsACellOpensAndTheRunExports() throws Exception {
        EvaluationViewModel vm = vm(EvalFixture.backends(() -> EvalFixture.scripted(true)));
        vm.run();
        ui.until("finished", 20, () -> vm.stateProperty().get() == RunState.FINISHED);
        assertThat(vm.grid().rows()).extracting(CaseRow::caseId).containsExactly("a", "b", "c");
        vm.grid().failuresOnlyProperty().set(true);
        assertThat(vm.grid().rows()).extracting(CaseRow::caseId).containsExactly("b");
        vm.grid().failuresOnlyProperty().set(false);
        vm.grid().disagreeOnlyProperty().set(true);
        assertThat(vm.grid().rows()).extracting(CaseRow::caseId).containsExactly("b");
        vm.grid().disagreeOnlyProperty().set(false);
        assertThat(vm.grid().rows()).hasSize(3);

        CellDetailViewModel detail = vm.open(cell(vm, "b", "scripted"));
        assertThat(detail.answer()).isEqualTo("the word is delta");
        assertThat(detail.exactPrompt()).isTrue();
        assertThat(detail.checks()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.FAILED));
        assertThat(detail.tokenLatenciesMs()).containsOnly(2.0);
        CellDetailViewModel replayed = vm.open(cell(vm, "b", "replay"));
        assertThat(replayed.exactPrompt()).isFalse();
        assertThat(replayed.prompt()).contains("[user]\nsay beta");
        replayed.openAsArtifact(); // "beta" has no code: nothing to show as an artifact, nothing opens
        assertThat(replayed.hasCode()).isFalse();
        assertThat(handedOff).isEmpty();
        replayed.openInChat();
        assertThat(handedOff).containsExactly("Beta|say beta|beta|false");
        assertThat(vm.open(new Cell("scripted", "b", List.of(), false))).isNull();

        Path html = tmp.resolve("out/report.html");
        Path csv = tmp.resolve("out/results.csv");
        Path json = tmp.resolve("out/summary.json");
        vm.export(ExportFormat.HTML, html);
        vm.export(ExportFormat.CSV, csv);
        vm.export(ExportFormat.JSON, json);
        assertThat(vm.noticeProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).contains("summary.json");
        assertThat(Files.readString(html)).contains("<h1>mini</h1>").contains("Claimed vs measured");
        assertThat(Files.readAllLines(csv)).hasSize(7).anyMatch(l -> l.startsWith("scripted,b,0,failed"));
        assertThat(Files.readString(json)).contains("\"pass_rate\" : 1.0");
    }

    @Test
    void aRunKilledMidwayResumesInANewWindowWithoutRedoingWhatWasRecorded() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedGenerator first = EvalFixture.scripted(false);
        EvaluationViewModel crashed = vm(gated(first, never));
        crashed.run();
        ui.until("two scripted answers recorded", 20, () -> crashed.progress().size() == 2
                && crashed.progress().get(1).doneProperty().get() == 2);
        Path dir = crashed.runDirProperty().get();
        // the process dies here: case c is in flight, and it was writing a line when it died
        Files.writeString(dir.resolve(RunStore.RESULTS), "{\"config\":\"scripted\",\"case\":\"c\",\"rep",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ScriptedGenerator second = new ScriptedGenerator(2, ScriptedGenerator.tokens("gamma", 2));
        EvaluationViewModel restarted = vm(EvalFixture.backends(() -> second));
        ui.until("history lists the unfinished run", 10, () -> restarted.history().runs().size() == 1);
        RunEntry entry = restarted.history().runs().get(0);
        assertThat(entry.complete()).isFalse();
        assertThat(entry.results()).isEqualTo(5);
        restarted.openRun(entry.dir());
        ui.until("opened", 10, () -> restarted.runDirProperty().get() != null);
        assertThat(restarted.canResumeProperty().get()).isTrue();
        assertThat(restarted.progress().get(1).doneProperty().get()).isEqualTo(2);
        restarted.resume();
        ui.until("resumed to the end", 20, () -> restarted.stateProperty().get() == RunState.FINISHED);
        assertThat(second.requests()).as("only the case in flight is answered again").hasSize(1);
        List<ResultRecord> all = new RunStore(dir).readResults();
        assertThat(all).hasSize(6);
        assertThat(all.stream().map(ResultRecord::key).distinct()).hasSize(6);
        assertThat(all).allMatch(ResultRecord::passed);
        assertThat(restarted.canResumeProperty().get()).isFalse();
        never.countDown(); // the abandoned first run: its held case comes back cancelled and is not recorded
        // its runner must be done with the folder before the test's temporary folder is deleted (it raced once)
        ui.until("the abandoned run has ended", 20, () -> crashed.stateProperty().get() != RunState.RUNNING
                && crashed.stateProperty().get() != RunState.STOPPING);
    }

    @Test
    void stopKeepsWhatWasRecordedAndResumeFinishes() {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedGenerator g = EvalFixture.scripted(false);
        EvaluationViewModel vm = vm(gated(g, gate));
        vm.run();
        ui.until("c in flight", 20, () -> vm.grid().row("c") != null && cell(vm, "c", "scripted").inFlight());
        vm.stop();
        ui.until("stopped", 20, () -> vm.stateProperty().get() == RunState.STOPPED);
        assertThat(vm.results()).hasSize(5);
        assertThat(cell(vm, "c", "scripted").inFlight()).isFalse();
        assertThat(vm.canResumeProperty().get()).isTrue();
        gate.countDown();
        vm.resume();
        ui.until("finished", 20, () -> vm.stateProperty().get() == RunState.FINISHED);
        assertThat(vm.results()).hasSize(6);
        assertThat(cell(vm, "c", "scripted").verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void twoRunsCompareVerdictsThatFlippedAndLatencyRatios() {
        boolean[] wrong = {true};
        EvaluationViewModel vm = vm(EvalFixture.backends(() -> EvalFixture.scripted(wrong[0])));
        vm.run();
        ui.until("first run", 20, () -> vm.stateProperty().get() == RunState.FINISHED);
        Path firstDir = vm.runDirProperty().get();
        clock.addAndGet(5000);
        wrong[0] = false;
        vm.run();
        ui.until("second run", 20, () -> vm.stateProperty().get() == RunState.FINISHED
                && !vm.runDirProperty().get().equals(firstDir));
        ui.until("both in the history", 10, () -> vm.history().runs().size() == 2);
        RunEntry newer = vm.history().runs().get(0);
        RunEntry older = vm.history().runs().get(1);
        assertThat(older.dir()).isEqualTo(firstDir);
        vm.history().compare(newer, older);
        ui.until("compared", 10, () -> vm.history().comparisonProperty().get() != null);
        ComparisonRows c = vm.history().comparisonProperty().get();
        assertThat(c.oldDir()).isEqualTo(firstDir);
        assertThat(c.pairs()).extracting(ComparisonRows.Pair::newConfig).containsExactly("replay", "scripted");
        ComparisonRows.Pair scripted = c.pairs().get(1);
        assertThat(scripted.passRateOld()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(scripted.passRateNew()).isEqualTo(1.0);
        assertThat(scripted.flips()).singleElement().satisfies(f -> {
            assertThat(f.caseId()).isEqualTo("b");
            assertThat(f.change()).isEqualTo("fixed");
        });
        assertThat(scripted.ratios().get("ttft_ms")).isEqualTo(1.0);
        assertThat(c.pairs().get(0).flips()).isEmpty();
        vm.history().compare(newer, newer);
        assertThat(vm.history().problemProperty().get()).contains("two different runs");
    }

    @Test
    void configurationsAreEditedSavedAsSetsAndCheckedBeforeARun() {
        EvaluationViewModel vm = vm(EvalFixture.backends(() -> EvalFixture.scripted(false)));
        ConfigurationsViewModel cs = vm.configurations();
        assertThat(cs.items()).extracting(c -> c.nameProperty().get()).containsExactly("replay", "scripted");
        ConfigurationViewModel copy = cs.duplicate(cs.items().get(1));
        assertThat(copy.nameProperty().get()).isEqualTo("scripted-copy");
        assertThat(cs.rename(copy, "replay")).isFalse();
        assertThat(cs.problemProperty().get()).contains("another column has it");
        assertThat(cs.rename(copy, "hot sampled")).isFalse();
        assertThat(cs.rename(copy, "hot")).isTrue();
        copy.samplingProperty().set(true);
        assertThat(copy.setting("temperature").get()).isEqualTo("0.7");
        copy.setting("seed").set("7");
        copy.extraProperty().set("concurrency=4");
        assertThat(copy.settings()).containsEntry("temperature", "0.7").containsEntry("seed", "7")
                .containsEntry("concurrency", "4").containsEntry("backend", "scripted");
        copy.samplingProperty().set(false);
        assertThat(copy.settings()).doesNotContainKey("temperature");
        ConfigurationViewModel added = cs.add();
        assertThat(added.nameProperty().get()).isEqualTo("config");
        assertThat(added.setting("model").get()).isEqualTo(ConfigurationViewModel.DEMO);
        assertThat(added.toRunConfig(tmp.resolve("demo")).get("model", null)).isEqualTo(tmp.resolve("demo").toString());
        cs.saveSet("three");
        cs.remove(added);
        cs.remove(copy);
        assertThat(cs.items()).hasSize(2);
        cs.loadSet("three");
        assertThat(cs.items()).extracting(c -> c.nameProperty().get()).containsExactly("replay", "scripted", "hot",
                "config");

        cs.items().get(2).setting("top_p").set("abc");
        cs.items().get(2).samplingProperty().set(true);
        vm.run();
        assertThat(vm.noticeProperty().get())
                .isEqualTo("A configuration is not valid: configuration 'hot': top_p=abc is not a number");
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.IDLE);
        cs.items().get(3).setting("device").set("tpu");
        cs.items().get(2).setting("top_p").set("0.9");
        vm.run();
        assertThat(vm.noticeProperty().get())
                .startsWith("A configuration is not valid: configuration 'config': device 'tpu'");

        ui.until("settings saved", 5, () -> !saved.isEmpty()
                && saved.get(saved.size() - 1).sets().containsKey("three"));
        EvaluationSettings last = saved.get(saved.size() - 1);
        assertThat(last.configurations()).extracting(SavedConfiguration::name)
                .containsExactly("replay", "scripted", "hot", "config");
        assertThat(last.sets().get("three")).hasSize(4);
        assertThat(last.suite()).isEqualTo(fixture.suite.toString());
    }

    @Test
    void aBrokenSuiteShowsTheLoadersFileAndLineAndDoesNotRun() throws Exception {
        EvaluationViewModel vm = vm(EvalFixture.backends(() -> EvalFixture.scripted(false)));
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\ncases:\n  - id: a\n    prompt: hi\n    checks:\n      - type: nope\n");
        vm.chooseSuite(bad);
        ui.until("loaded", 10, () -> !vm.suite().loadingProperty().get());
        assertThat(vm.suite().errorProperty().get()).startsWith(bad + ":6: unknown check type 'nope'")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(vm.suite().cases()).isEmpty();
        vm.run();
        assertThat(vm.noticeProperty().get()).isEqualTo(vm.suite().errorProperty().get());
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.IDLE);
    }

    @Test
    void theBuiltInSuitesAreInstalledAndTheDefaultsCompareTheArticlesAnswersWithTheDemoModel() {
        EvaluationEnvironment env = EvaluationEnvironment.of(tmp.resolve("runs"), tmp.resolve("suites"),
                tmp.resolve("demo"));
        EvaluationViewModel vm = new EvaluationViewModel(ui, background, env, EvaluationSettings.defaults(),
                saved::add, (t, m, a, x, y) -> { });
        ui.until("article loaded", 10, () -> vm.suite().suiteProperty().get() != null);
        assertThat(vm.suite().suiteProperty().get().name()).isEqualTo("article");
        assertThat(vm.suite().choices()).hasSize(3);
        assertThat(tmp.resolve("suites/humaneval/HumanEval.jsonl.gz")).isRegularFile();
        assertThat(vm.configurations().items()).extracting(c -> c.kind()).containsExactly("replay", "engine");
        assertThat(vm.configurations().items().get(0).setting("backend").get())
                .endsWith("article-answers.jsonl");
        vm.chooseSuite(vm.suite().choices().get(1).file());
        ui.until("HumanEval loaded", 20, () -> vm.suite().suiteProperty().get() != null);
        assertThat(vm.suite().cases()).hasSize(164);
    }

    @Test
    void openInChatCarriesThePromptMessagesAndTheAnswer() {
        Cell c = new Cell("x", "a", List.of(new ResultRecord("x", "a", 0, "alpha", Metrics.NONE, new double[0],
                List.of(), Verdict.PASSED, null, "<|im_start|>user\nsay alpha")), false);
        List<List<ChatMessage>> got = new ArrayList<>();
        CellDetailViewModel d = new CellDetailViewModel(c, "Alpha", null, (t, m, a, x, art) -> got.add(m));
        assertThat(d.prompt()).isEqualTo("<|im_start|>user\nsay alpha");
        d.openInChat();
        assertThat(got).singleElement().satisfies(m -> assertThat(m.get(0).content())
                .isEqualTo("<|im_start|>user\nsay alpha"));
    }
}
