package dev.qwenwb.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.testing.Wait;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubTestServer;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Models view against a Hub on loopback: download with progress, cancel, resume, load, delete. */
@ExtendWith(ApplicationExtension.class)
class ModelsViewTest {

    static final String REPO = "Qwen/Qwen2.5-0.5B-Instruct";
    static final String WEIGHTS = "model.safetensors";

    static HubTestServer server;
    static String commit;

    @TempDir
    Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final List<Path> loaded = new CopyOnWriteArrayList<>();
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private ModelsViewModel vm;
    private Path cache;

    @BeforeAll
    static void serve() throws Exception {
        server = HubTestServer.start();
        commit = server.addRepo(REPO, TinyModels.tiny(TensorDType.F16));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        WaitForAsyncUtils.clearExceptions(); // left by earlier test classes' background work: theirs, not ours
        I18n.use("en");
        cache = tmp.resolve("hub");
        vm = new ModelsViewModel(Platform::runLater, background, src -> HubSettings.fromEnvironment(src, Map.of())
                .withEndpoint(server.endpoint()).withCache(cache).withTiming(Duration.ofSeconds(5), 3,
                        Duration.ofMillis(20)), loaded::add, opened::add, List::of);
        stage.setScene(new Scene(new ModelsView(vm), 1100, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        server.clearFaults();
        server.clearLog();
        vm.close();
        background.shutdownNow();
        I18n.use("en");
    }

    private static <T extends Node> T in(Node root, String id, Class<T> type) {
        return type.cast(root.lookup(id));
    }

    @Test
    void aDownloadShowsProgressCancelsResumesAndTheModelLoadsAndDeletes(FxRobot robot) throws Exception {
        server.throttle(3_000_000);
        robot.clickOn("#catalog-download-Qwen_Qwen2_5-0_5B-Instruct");
        DownloadItemViewModel item = vm.queue().get(0);
        Wait.until("the weights to be a fifth in", 60, () -> item.files().stream()
                .anyMatch(f -> f.path().equals(WEIGHTS) && f.progressProperty().get() > 0.2));
        WaitForAsyncUtils.waitForFxEvents();
        Node row = robot.lookup("#download-Qwen_Qwen2_5-0_5B-Instruct").query();
        assertThat(in(row, "#download-progress", ProgressBar.class).getProgress()).isBetween(0.05, 0.99);
        assertThat(in(row, "#download-stats", Label.class).getText()).contains("MB /").contains("MB/s").contains("ETA");
        assertThat(in(row, "#download-state", Label.class).getText()).isEqualTo("downloading");
        assertThat(in(row, "#download-files", VBox.class).getChildren()).hasSize(5);

        robot.clickOn(in(row, "#download-cancel", Button.class));
        Wait.until("cancelled", 30, () -> item.stateProperty().get() == DownloadState.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(in(row, "#download-message", Label.class).getText()).startsWith("Cancelled");
        Path part = cache.resolve("models--Qwen--Qwen2.5-0.5B-Instruct/blobs/"
                + server.files(REPO).get(WEIGHTS).sha256() + ".incomplete");
        assertThat(part).exists();
        long kept = Files.size(part);
        assertThat(cache.resolve("models--Qwen--Qwen2.5-0.5B-Instruct/snapshots/" + commit + "/" + WEIGHTS))
                .doesNotExist();

        server.throttle(0);
        server.clearLog();
        robot.clickOn(in(row, "#download-resume", Button.class));
        Wait.until("done", 60, () -> item.stateProperty().get() == DownloadState.DONE);
        Wait.until("listed", 30, () -> vm.installed().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(server.requests()).anyMatch(r -> r.server().equals("cdn") && r.range() != null
                && Long.parseLong(r.range().substring(6, r.range().length() - 1)) >= kept);
        assertThat(in(row, "#download-state", Label.class).getText()).isEqualTo("done");
        assertThat(in(row, "#download-progress", ProgressBar.class).getProgress()).isEqualTo(1.0);
        Path snap = cache.resolve("models--Qwen--Qwen2.5-0.5B-Instruct/snapshots/" + commit);
        assertThat(Files.mismatch(snap.resolve(WEIGHTS), TinyModels.tiny(TensorDType.F16).resolve(WEIGHTS)))
                .isEqualTo(-1L);

        TableView<?> table = robot.lookup("#models-installed").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        robot.clickOn(robot.from(table).lookup(REPO).<Node>query());
        robot.clickOn("#models-load");
        assertThat(loaded).containsExactly(snap);
        robot.clickOn("#models-reveal");
        Wait.until("opened", 10, () -> opened.size() == 1);
        assertThat(opened).containsExactly(snap);

        robot.clickOn("#models-delete");
        robot.clickOn("OK");
        Wait.until("deleted", 30, () -> vm.installed().isEmpty());
        assertThat(cache.resolve("models--Qwen--Qwen2.5-0.5B-Instruct")).doesNotExist();
    }

    @Test
    void aBadRepoIdIsExplainedBesideTheField(FxRobot robot) {
        robot.clickOn("#models-repo").write("not a repo");
        robot.clickOn("#models-download-typed");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#models-notice").queryAs(Label.class).getText()).contains("\"not a repo\"")
                .contains("org/name");
        assertThat(vm.queue()).isEmpty();
    }

    @Test
    void aMissingRepoFailsWithTheServersReason(FxRobot robot) {
        robot.clickOn("#models-repo").write("Qwen/NoSuchModel");
        robot.clickOn("#models-download-typed");
        Wait.until("failed", 30, () -> !vm.queue().isEmpty() && vm.queue().get(0).stateProperty().get()
                == DownloadState.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        Node row = robot.lookup("#download-Qwen_NoSuchModel").query();
        assertThat(in(row, "#download-message", Label.class).getText()).startsWith("Failed: ")
                .contains("Qwen/NoSuchModel").contains("401");
        assertThat(in(row, "#download-resume", Button.class).isDisabled()).isFalse();
    }

    @Test
    void theViewSpeaksChinese(FxRobot robot) {
        I18n.use("zh-CN");
        Platform.runLater(() -> robot.targetWindow().getScene().setRoot(new ModelsView(vm)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#models-refresh").queryAs(Button.class).getText()).isEqualTo("刷新");
        assertThat(robot.lookup("#models-load").queryAs(Button.class).getText()).isEqualTo("加载");
    }
}
