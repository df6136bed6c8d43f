package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.evaluation.Cell;
import dev.qwenwb.app.ui.testing.Laptop;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.Wait;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A cell's "Open as artifact": for an answer with code, a new conversation with the code in the artifacts pane; for
 * an answer without code, the button is disabled and says why (a tooltip on hover), and nothing opens.
 */
@ExtendWith(ApplicationExtension.class)
class OpenAsArtifactTest {

    private static final String CONFIG = "coder";

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Path run;
    private List<EvalCase> cases;

    @Start
    void start(Stage stage) {
        Path data = tmp.resolve("w" + System.nanoTime());
        run = data.resolve("runs").resolve("article-20261205-090000");
        cases = write(run);
        ScriptedGenerator g = new ScriptedGenerator(1, List.of("ok"));
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en").withTheme("light"));
        WorkbenchApp.show(stage, vm);
        Laptop.place(stage);
    }

    @AfterEach
    void tearDown() {
        vm.evaluation().stop();
        background.shutdownNow();
    }

    /** A run of the article's suite: the first case answered with code, the second in words only. */
    private static List<EvalCase> write(Path dir) {
        Suite suite = new SuiteLoader(CheckRegistry.standard()).load(Path.of("..", "assets", "suites", "article.yaml"));
        Map<String, String> titles = new LinkedHashMap<>();
        suite.cases().forEach(c -> titles.put(c.id(), c.title()));
        RunStore store = new RunStore(dir);
        store.writeInfo(new RunInfo(suite.name(), suite.source(), titles, suite.claims(),
                Map.of(CONFIG, Map.of("backend", "engine", "model", "m")), 1, "2026-12-05T09:00:00Z"));
        List<EvalCase> two = suite.cases().subList(0, 2);
        for (int i = 0; i < two.size(); i++) {
            String text = i == 0 ? "Here:\n\n```python\ndef solve(x):\n    return x\n```\n" : "I would rather not.";
            double[] lat = {100, 10, 10};
            store.append(new ResultRecord(CONFIG, two.get(i).id(), 0, text,
                    Metrics.of(20, lat, 100, 50, 120, 500, 1000, "eos"), lat,
                    List.of(new CheckResult("contains", Verdict.FAILED, 0, "missing")), Verdict.FAILED, null));
        }
        return two;
    }

    @Test
    void anAnswerWithCodeOpensAsAnArtifactOneWithoutSaysWhyNot(FxRobot robot) {
        robot.interact(() -> WorkbenchApp.showRun(vm, run));
        Wait.until("results", 20, () -> vm.evaluation().results().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(n -> n instanceof javafx.scene.control.Label l
                && I18n.t("eval.tab.results").equals(l.getText())).queryLabeled());

        open(robot, cases.get(1).id());
        Button button = robot.lookup("#detail-open-artifact").queryButton();
        assertThat(button.isDisabled()).isTrue();
        Node holder = robot.lookup("#detail-open-artifact-holder").query();
        robot.moveTo(holder);
        Wait.until("the reason shown on hover", 10, () -> robot.listWindows().stream()
                .anyMatch(w -> w instanceof Tooltip t && t.isShowing() && t.getText().equals(I18n.t("eval.detail.noCode"))));
        robot.clickOn(button); // disabled: nothing opens
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.EVALUATION);
        robot.clickOn("#detail-close");

        open(robot, cases.get(0).id());
        assertThat(robot.lookup("#detail-open-artifact").queryButton().isDisabled()).isFalse();
        robot.clickOn("#detail-open-artifact");
        Wait.until("the chat with the artifact", 10, () -> vm.viewProperty().get() == MainView.CHAT
                && !vm.artifacts().artifacts().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.artifacts().shownProperty().get()).isTrue();
        assertThat(vm.artifacts().artifacts().get(0).versions().get(0)).contains("def solve");
        assertThat(robot.lookup("#artifacts").tryQuery()).isPresent();
    }

    private void open(FxRobot robot, String caseId) {
        TableView<?> grid = robot.lookup("#eval-grid").queryAs(TableView.class);
        int row = caseId.equals(cases.get(0).id()) ? 0 : 1; // rows in suite order
        robot.interact(() -> grid.scrollTo(row));
        Wait.until("the row drawn", 10, () -> cell(robot, caseId) != null);
        robot.moveTo(cell(robot, caseId), Pos.TOP_LEFT, new Point2D(30, 12), Motion.DIRECT).clickOn(MouseButton.PRIMARY);
        Wait.until("detail open", 10, () -> robot.lookup("#detail-open-artifact").tryQuery().isPresent());
        assertThat(grid).isNotNull();
    }

    private static Node cell(FxRobot robot, String caseId) {
        return robot.lookup(".result-table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getItem() instanceof Cell x && x.caseId().equals(caseId) && x.config().equals(CONFIG))
                .findFirst().orElse(null);
    }
}
