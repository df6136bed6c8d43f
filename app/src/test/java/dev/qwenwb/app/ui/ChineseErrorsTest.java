package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Label;
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
 * With the UI in Chinese, a model folder whose weights are cut short fails to load through the real engine, and the
 * window says so in Chinese (the engine's own detail, which names the file, stays as it is).
 */
@ExtendWith(ApplicationExtension.class)
class ChineseErrorsTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Path broken;

    @Start
    void start(Stage stage) throws Exception {
        broken = tmp.resolve("broken-qwen");
        Files.createDirectories(broken);
        try (Stream<Path> files = Files.list(TinyModels.tiny(TensorDType.F16))) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName().toString()));
            }
        }
        Path weights = broken.resolve("model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(f.length() / 2); // a download cut off half-way
        }
        vm = new WorkbenchViewModel(new DataFolder(tmp.resolve("data" + System.nanoTime())), Platform::runLater,
                background, WorkbenchApp::loadWithEngine);
        vm.updateSettings(vm.settingsProperty().get().withLanguage("zh-CN"));
        FilePicker picksBroken = new FilePicker() {
            @Override
            public Path folder(Window owner, String title) {
                return broken;
            }

            @Override
            public Path gguf(Window owner, String title) {
                return null;
            }
        };
        WorkbenchApp.show(stage, vm, new DesktopServices(picksBroken, OsTheme.system()));
    }

    @AfterEach
    void tearDown() {
        vm.models().close();
        background.shutdownNow();
        I18n.use("en");
    }

    @Test
    void aFailedModelLoadIsReportedInChinese(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn("打开文件夹…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.models().stateProperty().get() == LoadState.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        String notice = robot.lookup("#chat-notice").queryAs(Label.class).getText();
        assertThat(notice).startsWith("无法加载模型：broken-qwen: ").contains("model.safetensors");
        assertThat(robot.lookup("#chat-notice").query().isVisible()).isTrue();
        assertThat(robot.lookup("#status-state").queryAs(Label.class).getText()).isEqualTo("加载失败");
        assertThat(robot.lookup("#model-label").queryAs(Label.class).getText()).isEqualTo("未加载模型");
    }
}
