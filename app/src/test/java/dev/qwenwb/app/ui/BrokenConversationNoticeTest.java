package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.store.ConversationStore;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/** A conversation file containing {@code null} no longer stops the window: it is kept aside and the window says so. */
@ExtendWith(ApplicationExtension.class)
class BrokenConversationNoticeTest {

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private Path folder;

    @Start
    void start(Stage stage) {
        folder = data.resolve("w" + System.nanoTime());
        try {
            Path conversations = Files.createDirectories(new DataFolder(folder).conversations());
            Files.writeString(conversations.resolve(UUID.randomUUID() + ".json"), "null");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        I18n.use("en");
        WorkbenchViewModel vm = new WorkbenchViewModel(new DataFolder(folder), Platform::runLater, background,
                source -> new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1)).chat());
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
        I18n.use("en");
    }

    @Test
    void theWindowStartsAndSaysWhereTheUnreadableConversationWasKept(FxRobot robot) throws IOException {
        Path broken = new DataFolder(folder).conversations().resolve(ConversationStore.BROKEN);
        Label notice = robot.lookup("#chat-notice").queryAs(Label.class);
        assertThat(notice.getText()).isEqualTo("1 conversation could not be read and was kept in " + broken);
        assertThat(notice.isVisible()).isTrue();
        try (var files = Files.list(broken)) {
            assertThat(files.count()).isEqualTo(1);
        }
        I18n.use("zh-CN");
        assertThat(I18n.t("store.broken", 2, broken.toString())).isEqualTo("2 个对话无法读取，已保留在 " + broken);
        I18n.use("en");
        assertThat(I18n.t("store.broken", 2, "X")).isEqualTo("2 conversations could not be read and were kept in X");
    }
}
