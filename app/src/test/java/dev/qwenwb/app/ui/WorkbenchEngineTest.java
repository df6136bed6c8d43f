package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.app.ui.store.ReplyStats;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** End to end: the real window on the real engine with the tiny random Qwen2 (greedy, a few tokens). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchEngineTest {

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source ->
                new EngineGenerator(DjlModel.load(TinyModels.tiny(TensorDType.F32),
                        EngineOptions.defaults().withContextLength(256)), "tiny random model"));
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en")); // tests click English labels
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        vm.models().close();
        background.shutdownNow();
    }

    @Test
    void theTinyModelAnswersInTheWindowWithStats(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith("Demo model"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> vm.models().stateProperty().get() == LoadState.READY);
        assertThat(robot.lookup("#status-device").queryAs(Label.class).getText()).contains("cpu");
        robot.interact(() -> vm.chat().applySettings(
                new ConversationSettings(null, 0.0, null, null, null, 6, 1L)));
        robot.clickOn("#prompt").write("hello").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.chat().messages().size() == 2
                && !vm.chat().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        ReplyStats stats = vm.chat().messages().get(1).statsProperty().get();
        assertThat(stats.tokens()).isBetween(1, 6);
        assertThat(stats.finishReason()).isIn("max_tokens", "eos");
        assertThat(stats.ttftMs()).isPositive();
        assertThat(stats.promptTokens()).isPositive();
        assertThat(vm.chat().messages().get(1).errorProperty().get()).isNull();
        String context = robot.lookup("#status-context").queryAs(Label.class).getText();
        assertThat(context).endsWith("/ 256").doesNotContain("context 0 ");
        assertThat(vm.conversations().shown()).hasSize(1);
    }
}
