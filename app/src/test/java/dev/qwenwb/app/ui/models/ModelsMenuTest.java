package dev.qwenwb.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.DataFolder;
import dev.qwenwb.app.ui.MainView;
import dev.qwenwb.app.ui.WorkbenchApp;
import dev.qwenwb.app.ui.WorkbenchViewModel;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.Wait;
import dev.qwenwb.inference.hub.Cancellation;
import dev.qwenwb.inference.hub.DownloadListener;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.hub.RepoRef;
import dev.qwenwb.inference.hub.SnapshotDownloader;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubTestServer;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
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
 * Model ▸ Models… switches the window to the Models view (no second window); Load there loads the snapshot as Open
 * folder… would.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsMenuTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final List<Path> loadedFrom = new CopyOnWriteArrayList<>();
    private WorkbenchViewModel vm;
    private Path snapshot;
    private DataFolder data;

    @Start
    void start(Stage stage) throws Exception {
        WaitForAsyncUtils.clearExceptions(); // left by earlier test classes' background work: theirs, not ours
        Path cache = tmp.resolve("hub" + System.nanoTime());
        try (HubTestServer server = HubTestServer.start()) {
            server.addRepo("Qwen/Qwen2.5-Coder-0.5B-Instruct", TinyModels.tiny(TensorDType.F16));
            snapshot = new SnapshotDownloader(HubSettings.fromEnvironment(HubSource.HUGGING_FACE,
                    Map.of()).withEndpoint(server.endpoint()).withCache(cache))
                    .download(RepoRef.parse("Qwen/Qwen2.5-Coder-0.5B-Instruct"), List.of(), DownloadListener.NONE,
                            new Cancellation());
        }
        data = new DataFolder(tmp.resolve("data" + System.nanoTime()));
        vm = new WorkbenchViewModel(data, Platform::runLater,
                background, source -> {
                    loadedFrom.add(source.dir());
                    return new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1)).chat();
                }, src -> HubSettings.fromEnvironment(src, Map.of()).withCache(cache));
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        vm.library().close();
        background.shutdownNow();
    }

    @Test
    void theModelMenuOpensTheModelsViewAndLoadUsesTheSnapshot(FxRobot robot) {
        robot.clickOn("#model-picker");
        robot.clickOn("Models…");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.MODELS);
        assertThat(javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage && w.isShowing()).count()).isEqualTo(1);
        Wait.until("listed", 30, () -> vm.library().installed().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#models-installed").queryAs(TableView.class);
        robot.clickOn(robot.from(table).lookup("Qwen/Qwen2.5-Coder-0.5B-Instruct").<javafx.scene.Node>query());
        robot.clickOn("#models-load");
        Wait.until("loaded", 30, () -> vm.models().stateProperty().get() == LoadState.READY);
        assertThat(loadedFrom).containsExactly(snapshot);
        assertThat(vm.settingsProperty().get().recentModels()).contains(snapshot.toString());
    }

    @Test
    void theSourceAndMirrorTypedInTheModelsViewAreThereAfterARestart(FxRobot robot) {
        robot.clickOn("#model-picker");
        robot.clickOn("Models…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#models-source").<javafx.scene.control.ComboBox<HubSource>>query()
                .getSelectionModel().select(HubSource.MODELSCOPE));
        robot.clickOn("#models-endpoint").write("http://127.0.0.1:9/mirror");
        WaitForAsyncUtils.waitForFxEvents();
        WorkbenchViewModel again = new WorkbenchViewModel(data, Runnable::run, background,
                source -> new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1)).chat(),
                src -> HubSettings.fromEnvironment(src, Map.of()));
        try {
            assertThat(again.library().sourceProperty().get()).isEqualTo(HubSource.MODELSCOPE);
            assertThat(again.library().endpointProperty().get()).isEqualTo("http://127.0.0.1:9/mirror");
        } finally {
            again.library().close();
        }
    }
}
