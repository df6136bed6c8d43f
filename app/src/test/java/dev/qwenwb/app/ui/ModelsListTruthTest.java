package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.Laptop;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.Wait;
import dev.qwenwb.inference.hub.HubSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
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

/**
 * The Models view tells what is there: nothing at first ("No models yet"), then the demo model once the picker has
 * loaded it, marked as the one in use; and its cache folder is the one downloads go to, {@code $HOME} followed as
 * huggingface_hub follows it.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsListTruthTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Path home;

    @Start
    void start(Stage stage) {
        home = tmp.resolve("home" + System.nanoTime());
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 2));
        vm = new WorkbenchViewModel(new DataFolder(tmp.resolve("data" + System.nanoTime())), Platform::runLater,
                background, source -> {
                    if (source.demo()) {
                        DemoModel.ensure(source.dir()); // as the engine's loader does
                    }
                    return g.chat();
                }, src -> HubSettings.fromEnvironment(src, Map.of("HOME", home.toString())));
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en").withTheme("light"));
        WorkbenchApp.show(stage, vm);
        Laptop.place(stage);
    }

    @AfterEach
    void tearDown() {
        vm.library().close();
        background.shutdownNow();
    }

    @Test
    void theDemoModelInUseIsListedAndTheCacheFolderFollowsHome(FxRobot robot) {
        robot.clickOn("#view-models");
        Wait.until("listed", 30, () -> !vm.library().scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#models-installed").queryAs(TableView.class);
        assertThat(table.getItems()).isEmpty();
        assertThat(robot.lookup("#models-empty").queryAs(Label.class).getText()).isEqualTo(I18n.t("models.none"));
        assertThat(robot.lookup("#models-cache").queryAs(Label.class).getText())
                .contains(home.resolve(".cache/huggingface/hub").toString());

        robot.clickOn("#model-picker");
        robot.clickOn(I18n.t("model.demo", I18n.t("model.demoNote")));
        Wait.until("loaded", 30, () -> vm.models().stateProperty().get() == LoadState.READY);
        Wait.until("the demo model listed", 30, () -> table.getItems().size() == 1);
        robot.clickOn("#view-models");
        WaitForAsyncUtils.waitForFxEvents();
        Node row = robot.from(table).lookup(I18n.t("models.demoName") + "  ● " + I18n.t("models.inUse")).query();
        assertThat(row).isNotNull();
        assertThat(robot.from(table).lookup((javafx.scene.control.Labeled l) -> l.getText() != null
                && l.getText().startsWith(I18n.t("models.source.demo"))).tryQuery()).isPresent();
        assertThat(table.getItems()).hasSize(1); // the placeholder ("No models yet") is not shown
    }
}
