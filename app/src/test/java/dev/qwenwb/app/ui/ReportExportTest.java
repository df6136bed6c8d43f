package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.Exports;
import dev.qwenwb.app.ui.testing.Laptop;
import dev.qwenwb.app.ui.testing.RecordingSaves;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.TimedRun;
import dev.qwenwb.app.ui.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
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
 * The evaluation report's Export proposes {@code SUITE-DATE.ext} in the user's Documents (or home) folder, then in
 * the folder the last export went to, remembered across restarts in the settings.
 */
@ExtendWith(ApplicationExtension.class)
class ReportExportTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final RecordingSaves saves = new RecordingSaves();
    private WorkbenchViewModel vm;
    private Path run;

    @Start
    void start(Stage stage) {
        Path data = tmp.resolve("d" + System.nanoTime());
        run = data.resolve("runs").resolve("article-20261204-101500");
        TimedRun.write(run);
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1));
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en").withTheme("light"));
        WorkbenchApp.show(stage, vm, new DesktopServices(saves, new OsTheme("Linux", Map.of(), c -> "'default'\n")));
        Laptop.place(stage);
    }

    @AfterEach
    void tearDown() {
        vm.evaluation().stop();
        background.shutdownNow();
    }

    @Test
    void exportProposesSuiteAndDateInTheLastExportFolder(FxRobot robot) throws Exception {
        robot.interact(() -> WorkbenchApp.showRun(vm, run));
        Wait.until("results", 20, () -> vm.evaluation().results().size() == 12);
        WaitForAsyncUtils.waitForFxEvents();
        Path reports = Files.createDirectories(tmp.resolve("reports" + System.nanoTime()));
        saves.answer = reports.resolve("mine.html");
        robot.clickOn("#eval-export").clickOn("HTML");
        Wait.until("written", 20, () -> Files.exists(saves.answer));
        Path home = HostEnvironment.system().home();
        Path documents = home.resolve("Documents");
        assertThat(saves.asked.get(0)).containsExactly((Files.isDirectory(documents) ? documents : home).toString(),
                "article-2026-12-04.html");
        assertThat(Files.readString(saves.answer)).contains("<html");

        saves.answer = null; // the user cancels: nothing written, the folder stays
        robot.clickOn("#eval-export").clickOn("CSV");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(saves.asked.get(1)).containsExactly(reports.toString(), "article-2026-12-04.csv");
        assertThat(AppSettings.load(vm.data().settingsFile()).exportFolder()).isEqualTo(reports.toString());
    }

    @Test
    void theFolderIsTheLastOneWhileItExistsThenDocumentsThenHome() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home" + System.nanoTime()));
        SimpleObjectProperty<Path> last = new SimpleObjectProperty<>();
        Exports exports = new Exports(last, (o, t, folder, name) -> folder.resolve(name), home);
        assertThat(exports.initialFolder()).isEqualTo(home);
        Files.createDirectories(home.resolve("Documents"));
        assertThat(exports.initialFolder()).isEqualTo(home.resolve("Documents"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere" + System.nanoTime()));
        last.set(elsewhere);
        assertThat(exports.initialFolder()).isEqualTo(elsewhere);
        Files.delete(elsewhere); // gone (an unplugged drive): Documents again
        assertThat(exports.initialFolder()).isEqualTo(home.resolve("Documents"));
        assertThat(exports.ask(null, "t", "x.md")).isEqualTo(home.resolve("Documents/x.md"));
        assertThat(last.get()).isEqualTo(home.resolve("Documents"));
        assertThat(Exports.fileName("Qwen suite/1", LocalDate.of(2026, 12, 5), "html"))
                .isEqualTo("Qwen-suite-1-2026-12-05.html");
        assertThat(Exports.fileName("  ", null, "md")).isEqualTo("export.md");
        assertThat(Exports.fileName("快速排序", null, "md")).isEqualTo("快速排序.md");
    }
}
