package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.cli.WorkbenchCommand;
import dev.qwenwb.app.ui.evaluation.Cell;
import dev.qwenwb.app.ui.evaluation.EvaluationSettings;
import dev.qwenwb.app.ui.evaluation.RunState;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * Drives the evaluation view of the real window headless: the article's suite, a replay of the article's answers
 * beside the demo model on the real engine, run, rows and chart points appearing, stop and resume, a cell opened
 * and taken to the chat, a CLI-made run opened from the history, and {@code --open-run DIR}.
 */
@ExtendWith(ApplicationExtension.class)
class EvaluationWindowTest {

    private static final Path SUITES = Path.of("..", "assets", "suites");

    @TempDir
    static Path tmp;
    /** A run folder made by {@code ./workbench eval --out DIR} (the article's wrong answers), once for the class. */
    private static Path cliRun;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Path data;

    @Start
    void start(Stage stage) throws Exception {
        data = tmp.resolve("w" + System.nanoTime());
        DataFolder folder = new DataFolder(data);
        // tests click English labels; the CLI-made run was opened before, so the history lists it
        AppSettings.defaults().withLanguage("en").withEvaluation(EvaluationSettings.defaults()
                .withOpenedRun(cliRun().toString())).save(folder.settingsFile());
        ScriptedGenerator chat = new ScriptedGenerator(1, List.of("ok"));
        vm = new WorkbenchViewModel(folder, Platform::runLater, background, source -> chat.chat());
        WorkbenchApp.show(stage, vm);
    }

    private static synchronized Path cliRun() {
        if (cliRun == null) {
            Path dir = tmp.resolve("cli-wrong");
            CommandLineResult r = eval("--suite", SUITES.resolve("article.yaml").toString(), "--backend",
                    "replay:" + SUITES.resolve("article-wrong-answers.jsonl"), "--out", dir.toString());
            assertThat(r.code).as(r.err).isZero();
            cliRun = dir.toAbsolutePath().normalize();
        }
        return cliRun;
    }

    @AfterEach
    void tearDown() {
        vm.evaluation().stop();
        background.shutdownNow();
    }

    private record CommandLineResult(int code, String out, String err) {
    }

    private static CommandLineResult eval(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WorkbenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CommandLineResult(cl.execute(all), out.toString(), err.toString());
    }

    private static void await(String what, double seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(Node root) {
        StringBuilder sb = new StringBuilder();
        collect(root, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Text t) {
            sb.append(t.getText());
        } else if (n instanceof Label l) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, sb));
        }
    }

    private long results(String config) {
        return vm.evaluation().results().stream().filter(r -> r.config().equals(config)).count();
    }

    @SuppressWarnings("unchecked")
    private static int points(FxRobot robot, String chart) {
        XYChart<?, ?> c = robot.lookup(chart).queryAs(XYChart.class);
        return c.getData().stream().mapToInt(s -> ((XYChart.Series<?, ?>) s).getData().size()).sum();
    }

    private TableCell<?, ?> gridCell(FxRobot robot, String config, String caseId) {
        return robot.lookup(".result-table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getItem() instanceof Cell x && x.config().equals(config) && x.caseId().equals(caseId))
                .findFirst().orElseThrow(() -> new AssertionError("no grid cell " + config + "/" + caseId));
    }

    @Test
    void theArticleSuiteRunsSideBySideReplayAgainstTheDemoModelWithStopResumeChartsAndHistory(FxRobot robot)
            throws Exception {
        robot.clickOn("#view-evaluation");
        await("evaluation view shown", 5, () -> robot.lookup("#evaluation-view").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<Object> suite = robot.lookup("#eval-suite").queryAs(ComboBox.class);
        assertThat(suite.getValue().toString()).startsWith("article");
        @SuppressWarnings("unchecked")
        ListView<Object> cases = robot.lookup("#eval-cases").queryAs(ListView.class);
        await("six cases listed", 10, () -> cases.getItems().size() == 6);
        assertThat(text(cases)).contains("快速排序");

        // two configurations: the article's recorded answers, the demo model on the real engine (16 new tokens)
        List<Node> columns = List.copyOf(robot.lookup(".config-column").queryAll());
        assertThat(columns).hasSize(2);
        ComboBox<?> maxTokens = robot.from(columns.get(1)).lookup(".setting-max_tokens").queryAs(ComboBox.class);
        robot.interact(() -> maxTokens.getEditor().setText("16"));
        assertThat(vm.evaluation().configurations().items().get(1).setting("max_tokens").get()).isEqualTo("16");

        robot.clickOn("#eval-run");
        await("the replay's rows filled, all passed", 60, () -> results("article-answers") == 6);
        await("a first answer of the demo model", 120, () -> results("demo") >= 1);
        await("its chart points, while the run goes", 10, () -> points(robot, "#eval-chart-ttft") >= 1);
        assertThat(vm.evaluation().stateProperty().get().busy()).isTrue();
        robot.clickOn("#eval-stop");
        await("stopped", 60, () -> !vm.evaluation().stateProperty().get().busy());
        RunState stopped = vm.evaluation().stateProperty().get();
        long before = results("demo");
        assertThat(stopped).as("stopped before the end").isEqualTo(RunState.STOPPED);
        assertThat(before).isBetween(1L, 5L);
        Path dir = vm.evaluation().runDirProperty().get();
        assertThat(new RunStore(dir).readResults()).hasSize(6 + (int) before);
        assertThat(robot.lookup("#eval-resume").query().isDisabled()).isFalse();
        assertThat(text(gridCell(robot, "article-answers", "quicksort"))).contains("passed");

        robot.clickOn("#eval-resume");
        await("resumed to the end", 180, () -> vm.evaluation().stateProperty().get() == RunState.FINISHED);
        assertThat(results("demo")).isEqualTo(6);
        List<ResultRecord> persisted = new RunStore(dir).readResults();
        assertThat(persisted).hasSize(12);
        assertThat(persisted.stream().map(ResultRecord::key).distinct()).hasSize(12);
        assertThat(persisted.stream().filter(r -> r.config().equals("article-answers"))).allMatch(ResultRecord::passed);
        assertThat(text(robot.lookup("#eval-progress").query())).contains("6 / 6");

        // charts, under the grid: a TTFT bar and a decode bar per demo answer, latency lines
        await("chart points", 10, () -> points(robot, "#eval-chart-ttft") == 6 && points(robot, "#eval-chart-decode") == 6
                && points(robot, "#eval-chart-latency") > 0);
        robot.clickOn("#eval-copy-ttft");
        boolean[] image = new boolean[1];
        robot.interact(() -> image[0] = Clipboard.getSystemClipboard().hasImage());
        assertThat(image[0]).as("the chart was copied as an image").isTrue();

        // summary and claims: the demo model's figures beside the article's, marked as other conditions
        robot.clickOn(robot.lookup(n -> n instanceof Label l && "Summary and claims".equals(l.getText())).queryLabeled());
        TableView<?> summary = robot.lookup("#eval-summary").queryAs(TableView.class);
        assertThat(summary.getItems()).hasSize(2);
        String claims = text(robot.lookup("#eval-claims").query());
        assertThat(claims).contains("120 tokens/s").contains("ran on the CPU, the claim on 4090D x 4 GPUs")
                .contains("random weights (demo model)").contains("a replay of recorded answers");

        // a cell opened: the full answer, the prompt, the checks; then taken to the chat
        robot.clickOn(robot.lookup(n -> n instanceof Label l && "Results".equals(l.getText())).queryLabeled());
        TableView<?> grid = robot.lookup("#eval-grid").queryAs(TableView.class);
        robot.interact(() -> grid.scrollTo(0));
        // a tall cell may reach below the grid's viewport: click near its top
        robot.moveTo(gridCell(robot, "demo", "quicksort"), javafx.geometry.Pos.TOP_LEFT,
                new javafx.geometry.Point2D(30, 12), org.testfx.robot.Motion.DIRECT).clickOn(
                javafx.scene.input.MouseButton.PRIMARY);
        await("detail open", 10, () -> robot.lookup("#detail-prompt").tryQuery().isPresent());
        TextArea prompt = robot.lookup("#detail-prompt").queryAs(TextArea.class);
        assertThat(prompt.getText()).startsWith("<|im_start|>system").contains("请用Python实现一个快速排序函数");
        String answer = persisted.stream().filter(r -> r.config().equals("demo") && r.caseId().equals("quicksort"))
                .findFirst().orElseThrow().text();
        robot.clickOn("#detail-open-chat");
        await("chat opened", 10, () -> vm.viewProperty().get() == MainView.CHAT
                && vm.chat().messages().size() == 2);
        assertThat(vm.chat().messages().get(0).textProperty().get()).contains("快速排序");
        assertThat(vm.chat().messages().get(1).textProperty().get()).isEqualTo(answer);

        // the CLI-made run, opened from the history
        robot.clickOn("#view-evaluation");
        robot.clickOn(robot.lookup(n -> n instanceof Label l && "History".equals(l.getText())).queryLabeled());
        @SuppressWarnings("unchecked")
        ListView<dev.qwenwb.app.ui.evaluation.RunEntry> history = robot.lookup("#eval-history").queryAs(ListView.class);
        await("both runs in the history", 10, () -> history.getItems().size() == 2);
        int cli = history.getItems().get(0).dir().endsWith("cli-wrong") ? 0 : 1;
        robot.interact(() -> history.getSelectionModel().clearAndSelect(cli));
        robot.clickOn("#eval-history-open");
        await("CLI run shown", 10, () -> vm.evaluation().runDirProperty().get().endsWith("cli-wrong")
                && vm.evaluation().results().size() == 6);
        Cell wrong = vm.evaluation().grid().row("quicksort").cell("replay").get();
        assertThat(wrong.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(wrong.reasons()).isNotEmpty();
        assertThat(robot.lookup("#eval-resume").query().isDisabled()).as("a finished run").isTrue();
    }

    @Test
    void openRunOnTheCommandLineShowsACliMadeRunInTheEvaluationView(FxRobot robot) throws Exception {
        Path dir = cliRun();
        AtomicReference<Path> asked = new AtomicReference<>();
        int code = WorkbenchCommand.commandLine(request -> asked.set(request.openRun()))
                .execute("--open-run", dir.toString());
        assertThat(code).isZero();
        assertThat(asked.get()).isEqualTo(dir);
        robot.interact(() -> WorkbenchApp.showRun(vm, asked.get()));
        await("run shown", 10, () -> vm.evaluation().results().size() == 6);
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.EVALUATION);
        assertThat(robot.lookup("#evaluation-view").query().isVisible()).isTrue();
        TableView<?> grid = robot.lookup("#eval-grid").queryAs(TableView.class);
        assertThat(grid.getItems()).hasSize(6);
        robot.interact(() -> grid.scrollTo(5));
        await("the last row drawn", 10, () -> robot.lookup(".result-table-cell").queryAllAs(TableCell.class).stream()
                .anyMatch(c -> c.getItem() instanceof Cell x && x.caseId().equals("fibonacci")));
        assertThat(text(gridCell(robot, "replay", "fibonacci"))).contains("failed");
        assertThat(robot.lookup("#eval-run-dir").queryAs(Label.class).getText()).contains(dir.getFileName().toString());

        // the view switcher: the Models view and back to the chat
        robot.clickOn("#view-models");
        await("models view", 10, () -> robot.lookup("#models-view").tryQuery().isPresent());
        assertThat(robot.lookup("#evaluation-view").tryQuery()).isEmpty();
        robot.clickOn("#view-chat");
        await("chat view", 10, () -> robot.lookup("#message-list").tryQuery().isPresent());
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.CHAT);

        StringWriter err = new StringWriter();
        CommandLine bad = WorkbenchCommand.commandLine(request -> asked.set(null));
        bad.setErr(new PrintWriter(err, true));
        Path notARun = Files.createDirectories(tmp.resolve("empty" + System.nanoTime()));
        assertThat(bad.execute("--open-run", notARun.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: --open-run " + notARun
                + ": not a run folder (no run.json; make one with eval --out DIR)");
    }
}
