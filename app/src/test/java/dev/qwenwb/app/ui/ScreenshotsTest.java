package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes the README's screenshots (light and dark) of a chat with an artifact open, on scripted replies.
 * Runs only with {@code -Dscreenshots.dir=DIR}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "screenshots.dir", matches = ".+")
class ScreenshotsTest {

    private static final String REPLY = "Here is a small function with a test:\n\n"
            + "```python\ndef fib(n: int) -> int:\n    \"\"\"The n-th Fibonacci number.\"\"\"\n"
            + "    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b  # step\n    return a\n\n\n"
            + "print([fib(i) for i in range(10)])\n```\n\n"
            + "- **iterative**: O(n) time, O(1) memory\n- run it from the *Artifacts* pane\n";

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ScriptedGenerator g = new ScriptedGenerator(2, ScriptedGenerator.tokens(REPLY, 4));
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en")); // tests click English labels
        WorkbenchApp.show(stage, vm);
    }

    @Test
    void lightAndDark(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith("Demo model"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.models().stateProperty().get() == LoadState.READY);
        robot.clickOn("#prompt").write("Write an iterative Fibonacci in Python").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.chat().generatingProperty().get());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir"));
        Files.createDirectories(dir);
        save(robot, dir.resolve("workbench-light.png"));
        robot.clickOn("#theme-dark");
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        save(robot, dir.resolve("workbench-dark.png"));
    }

    private void save(FxRobot robot, Path file) throws Exception {
        Snapshots.save(robot, stage.getScene(), file);
    }
}
