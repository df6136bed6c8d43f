package dev.qwenwb.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.testing.Wait;
import dev.qwenwb.inference.gguf.GgufFile;
import dev.qwenwb.inference.gguf.GgufOutputType;
import dev.qwenwb.inference.gguf.Qwen2Gguf;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.InstalledModel;
import dev.qwenwb.inference.hub.ModelFormat;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Convert to GGUF in the Models view: the result is listed as a GGUF model and loads; Cancel leaves nothing. */
@ExtendWith(ApplicationExtension.class)
class ModelsConvertTest {

    @TempDir
    Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final List<Path> loaded = new CopyOnWriteArrayList<>();
    private ModelsViewModel vm;
    private Path converted;
    private Path model;

    @Start
    void start(Stage stage) {
        WaitForAsyncUtils.clearExceptions();
        I18n.use("en");
        model = TinyModels.tiny(TensorDType.F32);
        converted = tmp.resolve("gguf");
        vm = new ModelsViewModel(Platform::runLater, background, src -> HubSettings.fromEnvironment(src, Map.of())
                .withCache(tmp.resolve("hub")), loaded::add, p -> { }, () -> List.of(model), converted);
        stage.setScene(new Scene(new ModelsView(vm), 1100, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        vm.close();
        background.shutdownNow();
    }

    @Test
    void convertListsTheGgufAndItLoads(FxRobot robot) throws Exception {
        Wait.until("the model listed", 30, () -> vm.installed().size() == 1);
        TableView<?> table = robot.lookup("#models-installed").queryAs(TableView.class);
        assertThat(robot.lookup("#models-convert").queryAs(Button.class).isDisabled()).isTrue(); // nothing selected
        robot.clickOn(robot.from(table).lookup(model.getFileName().toString()).<Node>query());
        robot.interact(() -> robot.lookup("#models-convert-type").<ComboBox<GgufOutputType>>query()
                .setValue(GgufOutputType.F32));
        robot.clickOn("#models-convert");
        Wait.until("converted and listed", 120, () -> vm.installed().size() == 2
                && !vm.conversion().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String name = model.getFileName() + "-f32";
        Path file = converted.resolve(name).resolve(name + ".gguf");
        assertThat(robot.lookup("#models-notice").queryAs(Label.class).getText())
                .startsWith("Converted: " + file);
        assertThat(Qwen2Gguf.check(GgufFile.read(file)).fileType()).isEqualTo("f32");
        InstalledModel listed = vm.installed().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        assertThat(listed.summary().format()).isEqualTo(ModelFormat.GGUF);
        assertThat(listed.summary().architecture()).isEqualTo("qwen2");

        robot.clickOn(robot.from(table).lookup(name).<Node>query());
        assertThat(robot.lookup("#models-convert").queryAs(Button.class).isDisabled()).isTrue(); // a GGUF already
        robot.clickOn("#models-load");
        assertThat(loaded).containsExactly(converted.resolve(name));
    }

    @Test
    void cancelStopsTheConversionAndLeavesNothing(FxRobot robot) throws Exception {
        Wait.until("the model listed", 30, () -> vm.installed().size() == 1);
        TableView<?> table = robot.lookup("#models-installed").queryAs(TableView.class);
        robot.clickOn(robot.from(table).lookup(model.getFileName().toString()).<Node>query());
        robot.interact(() -> {
            robot.lookup("#models-convert").queryAs(Button.class).fire();
            Button cancel = robot.lookup("#models-convert-cancel").queryAs(Button.class);
            assertThat(cancel.isVisible()).isTrue();
            cancel.fire();
        });
        Wait.until("stopped", 60, () -> !vm.conversion().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#models-notice").queryAs(Label.class).getText())
                .isEqualTo("Conversion cancelled; nothing was written.");
        assertThat(robot.lookup("#models-convert-cancel").queryAs(Button.class).isVisible()).isFalse();
        try (var s = Files.walk(converted)) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
