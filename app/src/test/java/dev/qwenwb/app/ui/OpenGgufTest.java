package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Model ▸ Open GGUF file… hands the chosen file to the same loader as a folder (the engine's {@code Generators.open}
 * picks llama.cpp for a {@code .gguf}), remembers it among the recent models and offers it again in the menu.
 */
@ExtendWith(ApplicationExtension.class)
class OpenGgufTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final List<Path> loaded = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private WorkbenchViewModel vm;
    private Path gguf;

    @Start
    void start(Stage stage) throws Exception {
        gguf = Files.writeString(tmp.resolve("qwen2.5-0.5b-instruct-q8_0.gguf"), "GGUF");
        vm = new WorkbenchViewModel(new DataFolder(tmp.resolve("data" + System.nanoTime())), Platform::runLater,
                background, source -> {
                    loaded.add(source.dir());
                    return new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1)).chat();
                });
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        FilePicker picker = new FilePicker() {
            @Override
            public Path folder(Window owner, String title) {
                asked.add("folder");
                return null;
            }

            @Override
            public Path gguf(Window owner, String title) {
                asked.add("gguf: " + title);
                return gguf;
            }
        };
        WorkbenchApp.show(stage, vm, new DesktopServices(picker, OsTheme.system()));
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    @Test
    void openGgufFileLoadsItThroughTheSameLoader(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn("Open GGUF file…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.models().stateProperty().get() == LoadState.READY);
        assertThat(asked).containsExactly("gguf: Open GGUF file…");
        assertThat(loaded).containsExactly(gguf);
        assertThat(vm.settingsProperty().get().recentModels()).containsExactly(gguf.toString());

        robot.clickOn("#model-picker");
        robot.clickOn(gguf.toString()); // the recent entry loads it again
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> loaded.size() == 2
                && vm.models().stateProperty().get() == LoadState.READY);
        assertThat(loaded).containsExactly(gguf, gguf);

        robot.clickOn("#model-picker");
        robot.clickOn("Open folder…"); // cancelled: nothing loads
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).containsExactly("gguf: Open GGUF file…", "folder");
        assertThat(loaded).hasSize(2);
    }
}
