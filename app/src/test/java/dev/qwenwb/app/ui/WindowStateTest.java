package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
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
 * The window opens no larger than the screen it opens on, and a restart brings back its place, size, view and
 * divider positions (through the settings file, as a real restart would).
 */
@ExtendWith(ApplicationExtension.class)
class WindowStateTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private Path data;
    private Stage stage;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        data = tmp.resolve("w" + System.nanoTime());
        vm = open(stage);
    }

    private WorkbenchViewModel open(Stage s) {
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1));
        WorkbenchViewModel v = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background,
                source -> g.chat());
        v.updateSettings(v.settingsProperty().get().withLanguage("en"));
        WorkbenchApp.show(s, v);
        return v;
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    @Test
    void theFirstWindowFitsTheScreensVisualBounds() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(stage.getWidth()).isLessThanOrEqualTo(screen.getWidth());
        assertThat(stage.getHeight()).isLessThanOrEqualTo(screen.getHeight());
        assertThat(stage.getY()).isGreaterThanOrEqualTo(screen.getMinY());
        assertThat(stage.getY() + stage.getHeight()).isLessThanOrEqualTo(screen.getMaxY());
    }

    @Test
    void aLaptopScreenGetsAWindowThatFitsAndABigOneThePreferredSize() {
        WindowSettings none = WindowSettings.none();
        Rectangle2D laptop = new Rectangle2D(0, 0, 1366, 728); // 768 less a 40-pixel task bar
        Rectangle2D r = WindowPlacement.apply(none, laptop, List.of());
        assertThat(r.getHeight()).isEqualTo(728);
        assertThat(r.getMaxY()).isLessThanOrEqualTo(728);
        Rectangle2D big = WindowPlacement.apply(none, new Rectangle2D(0, 0, 1920, 1040), List.of());
        assertThat(big.getWidth()).isEqualTo(WindowPlacement.PREFERRED_WIDTH);
        assertThat(big.getHeight()).isEqualTo(WindowPlacement.PREFERRED_HEIGHT);
        // saved on a second screen that is gone: back to the default on the primary one
        WindowSettings gone = new WindowSettings(3000, 100, 900, 600, false, null, null);
        assertThat(WindowPlacement.apply(gone, laptop, List.of(laptop)).getMinX()).isLessThan(1366);
        // saved larger than the screen now: shrunk to it
        WindowSettings tall = new WindowSettings(10, 10, 1200, 1000, false, null, null);
        assertThat(WindowPlacement.apply(tall, laptop, List.of(laptop)).getMaxY()).isLessThanOrEqualTo(728);
    }

    @Test
    void theModelLoadedLastLoadsAgainOnStartUnlessTurnedOff() throws Exception {
        Path other = tmp.resolve("m" + System.nanoTime());
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1));
        WorkbenchViewModel first = new WorkbenchViewModel(new DataFolder(other), Platform::runLater, background,
                source -> g.chat());
        assertThat(first.reloadLastModel()).as("nothing was loaded before").isFalse();
        Platform.runLater(first::loadDemoModel);
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> first.models().stateProperty().get() == dev.qwenwb.app.ui.model.LoadState.READY);

        WorkbenchViewModel[] again = new WorkbenchViewModel[1];
        WaitForAsyncUtils.asyncFx(() -> again[0] = new WorkbenchViewModel(new DataFolder(other), Platform::runLater,
                background, source -> g.chat())).get();
        assertThat(WaitForAsyncUtils.asyncFx(again[0]::reloadLastModel).get()).isTrue();
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> again[0].models().stateProperty().get() == dev.qwenwb.app.ui.model.LoadState.READY);

        WaitForAsyncUtils.asyncFx(() -> again[0].setReloadLast(false)).get();
        WorkbenchViewModel third = WaitForAsyncUtils.asyncFx(() -> new WorkbenchViewModel(new DataFolder(other),
                Platform::runLater, background, source -> g.chat())).get();
        assertThat(WaitForAsyncUtils.asyncFx(third::reloadLastModel).get()).as("turned off in the settings").isFalse();
        assertThat(third.models().stateProperty().get()).isNotEqualTo(dev.qwenwb.app.ui.model.LoadState.LOADING);
    }

    @Test
    void placeSizeViewAndDividersComeBackAfterARestart(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setX(30);
            stage.setY(40);
            stage.setWidth(1000);
            stage.setHeight(640);
            vm.viewProperty().set(MainView.EVALUATION);
        });
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane split = robot.lookup("#evaluation-view").lookup(".split-pane").queryAs(SplitPane.class);
        robot.interact(() -> split.setDividerPositions(0.4));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.hide()); // closing the window saves it
        WindowSettings saved = AppSettings.load(new DataFolder(data).settingsFile()).window();
        assertThat(saved.dividers().get("evaluation.1")).as(saved.toString()).containsExactly(split.getDividerPositions()[0]);

        Stage[] again = new Stage[1];
        WorkbenchViewModel[] reopened = new WorkbenchViewModel[1];
        robot.interact(() -> {
            again[0] = new Stage();
            reopened[0] = open(again[0]);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(again[0].getX()).isEqualTo(30);
        assertThat(again[0].getY()).isEqualTo(40);
        assertThat(again[0].getWidth()).isEqualTo(1000);
        assertThat(again[0].getHeight()).isEqualTo(640);
        assertThat(reopened[0].viewProperty().get()).isEqualTo(MainView.EVALUATION);
        SplitPane restored = (SplitPane) again[0].getScene().getRoot().lookup("#evaluation-view")
                .lookup(".split-pane");
        assertThat(restored.getDividerPositions()[0]).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.02));
        robot.interact(() -> again[0].hide());
    }
}
