package dev.qwenwb.app.ui.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run shows the started state at once, before the background does anything (no result, no model loaded yet): Run
 * off and Stop on, the new run's cases queued in the grid, each configuration queued, "Starting the run…"; then,
 * while a backend opens (held by the test, as a slow model load), the bar moves without a value and the status
 * says which model loads; the first answer clears it.
 */
@ExtendWith(ApplicationExtension.class)
class RunStartTest {

    @TempDir
    static Path tmp;

    private final HeldExecutor background = new HeldExecutor();
    private final CountDownLatch opening = new CountDownLatch(1);
    private EvaluationViewModel vm;

    /** Runs tasks on a pool, or keeps them while held (the background has not got to them yet). */
    private static final class HeldExecutor implements Executor {
        private final ExecutorService pool = Executors.newCachedThreadPool();
        private final List<Runnable> kept = new ArrayList<>();
        private boolean held;

        synchronized void hold() {
            held = true;
        }

        synchronized void release() {
            held = false;
            kept.forEach(pool::execute);
            kept.clear();
        }

        @Override
        public synchronized void execute(Runnable r) {
            if (held) {
                kept.add(r);
            } else {
                pool.execute(r);
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        I18n.use("en");
        Path root = tmp.resolve("r" + System.nanoTime());
        java.nio.file.Files.createDirectories(root);
        EvalFixture fixture = new EvalFixture(root);
        Function<RunConfig, Backend> plain = EvalFixture.backends(() -> EvalFixture.scripted(false));
        Function<RunConfig, Backend> slowOpen = config -> {
            try {
                if (!opening.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the backend open");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return plain.apply(config);
        };
        EvaluationEnvironment env = new EvaluationEnvironment(root.resolve("runs"), root.resolve("suites"),
                root.resolve("demo"), slowOpen, 0, 2, System::currentTimeMillis);
        vm = new EvaluationViewModel(Platform::runLater, background, env, fixture.settings(), s -> { },
                (title, messages, answer, metrics, artifacts) -> { });
        stage.setScene(new Scene(new EvaluationView(vm), 1366, 768));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        opening.countDown();
        background.release();
        Platform.runLater(() -> vm.stop());
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String cellText(TableCell<?, ?> c) {
        StringBuilder sb = new StringBuilder();
        collect(c, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Label l) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(x -> collect(x, sb));
        }
    }

    @Test
    void theStartedStateShowsBeforeTheBackgroundDoesAnythingThenTheModelLoadAndTheFirstAnswer(FxRobot robot)
            throws Exception {
        await("the suite loaded", () -> vm.suite().suiteProperty().get() != null);
        background.hold(); // from here the background keeps its work: what shows comes from the click alone
        robot.clickOn("#eval-run");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.results()).isEmpty();
        assertThat(robot.lookup("#eval-run").query().isDisabled()).as("Run off").isTrue();
        assertThat(robot.lookup("#eval-stop").query().isDisabled()).as("Stop on").isFalse();
        assertThat(robot.lookup("#eval-status").queryAs(Label.class).getText()).isEqualTo("Starting the run…");
        assertThat(vm.grid().rows()).extracting(CaseRow::caseId).containsExactly("a", "b", "c");
        List<TableCell<?, ?>> cells = new ArrayList<>();
        robot.lookup(".result-table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getItem() instanceof Cell).forEach(cells::add);
        assertThat(cells).as("a queued cell per case and configuration").hasSize(6);
        assertThat(cells).allSatisfy(c -> assertThat(cellText(c)).contains("waiting"));
        for (String config : List.of("replay", "scripted")) {
            assertThat(robot.lookup("#eval-progress-text-" + config).queryAs(Label.class).getText())
                    .isEqualTo("0 / 3 · queued");
        }

        background.release(); // the run's thread goes on, up to opening the first backend (held: a model loading)
        await("the first backend opening", () -> vm.progress().get(0).phaseProperty().get()
                == RunProgressViewModel.Phase.OPENING);
        assertThat(vm.results()).isEmpty();
        assertThat(robot.lookup("#eval-status").queryAs(Label.class).getText()).isEqualTo("replay: loading the model…");
        assertThat(robot.lookup("#eval-progress-replay").queryAs(ProgressBar.class).isIndeterminate()).isTrue();
        assertThat(robot.lookup("#eval-progress-text-replay").queryAs(Label.class).getText())
                .contains("loading the model");

        opening.countDown();
        await("finished", () -> vm.stateProperty().get() == RunState.FINISHED);
        assertThat(vm.results()).hasSize(6);
        assertThat(robot.lookup("#eval-status").queryAs(Label.class).getText()).isEmpty();
        assertThat(robot.lookup("#eval-progress-replay").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#eval-run").query().isDisabled()).isFalse();
    }
}
