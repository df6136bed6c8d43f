package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.llamacpp.LlamaBackends;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Model ▸ Engine settings…: pick f32, reload, and the real engine (tiny random Qwen2) runs in f32. */
@ExtendWith(ApplicationExtension.class)
class EngineDialogTest {

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final List<EngineOptions> given = new CopyOnWriteArrayList<>();
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source -> {
            given.add(source.options());
            return new EngineGenerator(DjlModel.load(TinyModels.tiny(TensorDType.F32), source.options()),
                    "tiny random model");
        });
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en")); // tests click English labels
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        vm.models().close();
        background.shutdownNow();
    }

    @Test
    void pickingF32AndReloadingRunsTheModelInF32(FxRobot robot) throws Exception {
        robot.clickOn("#model-picker");
        robot.clickOn(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith("Demo model"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.models().stateProperty().get() == LoadState.READY);
        WaitForAsyncUtils.waitForFxEvents();
        String auto = robot.lookup("#status-dtype").queryAs(Label.class).getText();
        assertThat(auto).as("the default precision is measured").matches("dtype f(16|32) \\(auto\\)");
        assertThat(robot.lookup("#status-dtype").queryAs(Label.class).getTooltip().getText()).startsWith("measured: ");

        robot.clickOn("#model-picker");
        robot.clickOn("Engine settings…");
        // the GGUF engine's GPU backends and the GPUs they see (probed off the FX thread)
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> !robot.lookup("#engine-gpus").queryAs(Label.class).getText().equals("…"));
        String shown = robot.lookup("#engine-gpus").queryAs(Label.class).getText();
        assertThat(shown).as("the probe's own words, framed in the window's language").startsWith("Probed: ");
        String gpus = shown.substring("Probed: ".length());
        if (LlamaBackends.gpuSet().isPresent()) {
            // the GPU set, or (when an earlier test in this JVM already loaded llama.cpp) the set that is loaded
            assertThat(gpus).satisfiesAnyOf(g -> assertThat(g).startsWith(LlamaBackends.gpuSet().get().describe()),
                    g -> assertThat(g).contains(" loaded")).contains("; GPUs: ");
        } else if (!LlamaBackends.gpuBackends().contains("metal")) {
            assertThat(gpus).isEqualTo("none in this build (CPU only)");
        }
        robot.clickOn("#engine-dtype");
        robot.clickOn("f32 — exact");
        robot.clickOn("OK");
        assertThat(vm.settingsProperty().get().engine().dtype()).isEqualTo("f32");
        assertThat(robot.lookup("#status-dtype").queryAs(Label.class).getText()).as("applied on reload").isEqualTo(auto);

        robot.clickOn("#model-picker");
        robot.clickOn("Reload model");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> given.size() == 2
                && vm.models().stateProperty().get() == LoadState.READY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-dtype").queryAs(Label.class).getText()).isEqualTo("dtype f32");
        assertThat(given.get(1).dtype()).isEqualTo(ComputeDType.F32);
        assertThat(AppSettings.load(data.resolve("settings.json")).engine().dtype()).isEqualTo("f32");
    }
}
