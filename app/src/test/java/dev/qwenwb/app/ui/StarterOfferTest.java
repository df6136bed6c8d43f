package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.models.DownloadItemViewModel;
import dev.qwenwb.app.ui.models.DownloadState;
import dev.qwenwb.app.ui.testing.Wait;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubTestServer;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Button;
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
 * A first start (no settings file, nothing installed) offers a model in the chat's empty state: the demo model,
 * written and loaded by the real engine, or the download of Qwen2.5-0.5B-Instruct (here from a Hub on loopback)
 * in the Models view. A later start offers nothing.
 */
@ExtendWith(ApplicationExtension.class)
class StarterOfferTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private HubTestServer hub;
    private WorkbenchViewModel vm;
    private DataFolder folder;
    private Path cache;

    @Start
    void start(Stage stage) throws Exception {
        hub = new HubTestServer();
        hub.addRepo("Qwen/Qwen2.5-0.5B-Instruct", TinyModels.tiny(TensorDType.F16));
        cache = tmp.resolve("hub" + System.nanoTime());
        folder = new DataFolder(tmp.resolve("data" + System.nanoTime()));
        vm = newViewModel();
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        WorkbenchApp.show(stage, vm);
    }

    private WorkbenchViewModel newViewModel() {
        return new WorkbenchViewModel(folder, Platform::runLater, background, WorkbenchApp::loadWithEngine,
                src -> HubSettings.fromEnvironment(src, Map.of()).withEndpoint(hub.endpoint()).withCache(cache));
    }

    @AfterEach
    void tearDown() throws Exception {
        vm.models().close();
        vm.library().close();
        background.shutdownNow();
        hub.close();
    }

    @Test
    void useTheDemoModelWritesAndLoadsItAndALaterStartOffersNothing(FxRobot robot) throws Exception {
        Wait.until("offer shown", 10, () -> vm.starterOfferProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#starter-offer").query().isVisible()).isTrue();
        assertThat(robot.lookup("#offer-download").queryAs(Button.class).getText())
                .startsWith("Download Qwen2.5-0.5B-Instruct (≈ 1");
        robot.clickOn("#offer-demo");
        Wait.until("demo model loaded", 120, () -> vm.models().stateProperty().get() == LoadState.READY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.models().descriptionProperty().get().note()).isEqualTo(DemoModel.LABEL);
        assertThat(Files.exists(folder.demoModel().resolve("config.json"))).isTrue();
        assertThat(vm.models().sourceProperty().get().demo()).isTrue();
        assertThat(robot.lookup("#starter-offer").query().isVisible()).isFalse();

        assertThat(newViewModel().starterOfferProperty().get()).isFalse(); // the settings file exists now
    }

    @Test
    void downloadStartsTheStarterModelInTheModelsView(FxRobot robot) throws Exception {
        Wait.until("offer shown", 10, () -> vm.starterOfferProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#offer-download");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.MODELS);
        assertThat(vm.library().queue()).hasSize(1);
        DownloadItemViewModel item = vm.library().queue().get(0);
        assertThat(item.ref().repoId()).isEqualTo("Qwen/Qwen2.5-0.5B-Instruct");
        Wait.until("downloaded", 60, () -> item.stateProperty().get() == DownloadState.DONE);
        Wait.until("listed", 30, () -> vm.library().installed().size() == 1);
        assertThat(vm.starterOfferProperty().get()).isFalse();
    }
}
