package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.app.ui.store.ReplyVersion;
import dev.qwenwb.app.ui.store.StoredMessage;
import dev.qwenwb.app.ui.testing.Laptop;
import dev.qwenwb.app.ui.testing.RecordingSaves;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
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

/**
 * The conversation list's actions without a right-click: rename, delete and export as icon buttons above the list
 * (tooltips in both languages) and F2 / Delete on the list; delete asks first; an export's save dialog opens in the
 * folder of the last export, remembered in the settings.
 */
@ExtendWith(ApplicationExtension.class)
class ConversationActionsTest {

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final RecordingSaves saves = new RecordingSaves();
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1));
        vm = new WorkbenchViewModel(new DataFolder(tmp.resolve("d" + System.nanoTime())), Platform::runLater,
                background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en").withTheme("light"));
        for (String title : List.of("Quicksort in Python", "A haiku about spring")) {
            long now = System.currentTimeMillis();
            vm.conversations().saved(new Conversation(UUID.randomUUID().toString(), title, now, now,
                    new ConversationSettings(null, null, null, null, null, null, null),
                    List.of(new StoredMessage("user", List.of(new ReplyVersion("about " + title, null, null)), 0))));
        }
        WorkbenchApp.show(stage, vm, new DesktopServices(saves, new OsTheme("Linux", Map.of(), c -> "'default'\n")));
        Laptop.place(stage);
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
        I18n.use("en");
    }

    @SuppressWarnings("unchecked")
    private static ListView<Conversation> list(FxRobot robot) {
        return robot.lookup("#conversations").queryAs(ListView.class);
    }

    /** Types {@code title} into the rename dialog and presses OK. */
    private static void answerRename(FxRobot robot, String title) {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextField field = robot.lookup(".dialog-pane .text-field")
                .queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(title);
        robot.clickOn(I18n.t("dialog.ok"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void renameDeleteAndExportAreButtonsAndKeys(FxRobot robot) throws Exception {
        Button rename = robot.lookup("#conversation-rename").queryButton();
        assertThat(rename.getTooltip().getText()).isEqualTo("Rename… (F2)");
        assertThat(robot.lookup("#conversation-delete").queryButton().getTooltip().getText()).contains("Delete");
        assertThat(robot.lookup("#conversation-export").queryAs(MenuButton.class).getTooltip().getText())
                .isEqualTo("Export");

        // rename with the button
        robot.clickOn("A haiku about spring");
        robot.clickOn("#conversation-rename");
        answerRename(robot, "Spring haiku");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).extracting(Conversation::title).contains("Spring haiku")
                .doesNotContain("A haiku about spring");

        // export: the save dialog opens in Documents (or home) first, then where the last export went
        Path out = Files.createDirectories(tmp.resolve("exports" + System.nanoTime()));
        saves.answer = out.resolve("haiku.md");
        robot.clickOn("#conversation-export").clickOn("Export as Markdown…");
        WaitForAsyncUtils.waitForFxEvents();
        Path home = HostEnvironment.system().home();
        Path documents = home.resolve("Documents");
        assertThat(saves.asked.get(0)[0]).isEqualTo((Files.isDirectory(documents) ? documents : home).toString());
        assertThat(saves.asked.get(0)[1]).isEqualTo("Spring-haiku.md");
        assertThat(Files.readString(saves.answer)).contains("about A haiku about spring");
        assertThat(AppSettings.load(vm.data().settingsFile()).exportFolder()).isEqualTo(out.toString());
        saves.answer = null; // cancelled
        robot.clickOn("#conversation-export").clickOn("Export as JSON…");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(saves.asked.get(1)).containsExactly(out.toString(), "Spring-haiku.json");

        // F2 on the list renames too; Escape cancels
        robot.clickOn("Quicksort in Python").type(KeyCode.F2);
        answerRename(robot, "Sorting");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).extracting(Conversation::title).contains("Sorting");

        // delete asks first: Cancel keeps it, OK deletes; the Delete key does the same
        robot.clickOn("Sorting");
        robot.clickOn("#conversation-delete");
        robot.clickOn(I18n.t("dialog.cancel"));
        assertThat(list(robot).getItems()).hasSize(2);
        robot.clickOn("#conversation-delete");
        robot.clickOn(I18n.t("dialog.ok"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).extracting(Conversation::title).containsExactly("Spring haiku");
        robot.clickOn("Spring haiku").type(KeyCode.DELETE);
        robot.clickOn(I18n.t("dialog.ok"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list(robot).getItems()).isEmpty();
        assertThat(robot.lookup("#conversation-rename").queryButton().isDisabled()).isTrue();

        // in Chinese the buttons say the same
        robot.interact(() -> robot.lookup("#language").<ComboBox<String>>query().setValue("简体中文"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#conversation-rename").queryButton().getTooltip().getText())
                .isEqualTo("重命名…（F2）");
        assertThat(robot.lookup("#conversation-export").queryAs(MenuButton.class).getTooltip().getText())
                .isEqualTo("导出");
    }
}
