package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every keyboard shortcut, pressed in the real window (headless), does what its menu item and the Help list say. */
@ExtendWith(ApplicationExtension.class)
class ShortcutsTest {

    private static final String REPLY = "Here is `add`:\n\n```python\ndef add(a, b):\n    return a + b\n```\n";

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private ScriptedGenerator generator;
    private WorkbenchViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        generator = new ScriptedGenerator(2, ScriptedGenerator.tokens(REPLY, 3),
                ScriptedGenerator.tokens("Second version of the reply.", 2),
                ScriptedGenerator.tokens("a third reply that is held and stopped", 1));
        vm = new WorkbenchViewModel(new DataFolder(data.resolve("s" + System.nanoTime())), Platform::runLater,
                background, source -> generator.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        WorkbenchApp.show(stage, vm);
    }

    @AfterEach
    void tearDown() {
        generator.release();
        background.shutdownNow();
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void press(FxRobot robot, Shortcut s) {
        robot.push((KeyCodeCombination) s.keys());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node focused() {
        return stage.getScene().getFocusOwner();
    }

    private void loadAndAsk(FxRobot robot, String prompt) throws Exception {
        robot.interact(vm::loadDemoModel);
        await("model ready", () -> vm.models().stateProperty().get() == LoadState.READY);
        robot.clickOn("#prompt").write(prompt).type(KeyCode.ENTER);
        await("reply", () -> !vm.chat().generatingProperty().get() && vm.chat().messages().size() == 2);
    }

    @Test
    void theMenusCarryEveryShortcutAsTheirAccelerator(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        Map<String, MenuItem> items = new java.util.HashMap<>();
        bar.getMenus().forEach(m -> m.getItems().forEach(i -> items.put(i.getId(), i)));
        for (Shortcut s : Shortcut.values()) {
            assertThat(items).containsKey("menu-" + s.id());
            assertThat(items.get("menu-" + s.id()).getAccelerator()).isEqualTo(s.keys());
            assertThat(s.keys().getDisplayText()).isNotBlank();
        }
        items.remove("menu-about"); // Help ▸ About has no shortcut
        items.remove("menu-theme"); // nor View ▸ Theme (a submenu of three choices)
        items.remove(null); // separators
        assertThat(items).hasSize(Shortcut.values().length);
    }

    @Test
    void theWindowHasTheAppIconAndItsControlsFeatherIcons(FxRobot robot) {
        assertThat(stage.getIcons()).hasSize(8);
        stage.getIcons().forEach(i -> assertThat(i.isError()).isFalse());
        assertThat(stage.getIcons()).extracting(javafx.scene.image.Image::getWidth)
                .containsExactly(16.0, 24.0, 32.0, 48.0, 64.0, 128.0, 256.0, 512.0);
        for (String id : new String[] {"#send", "#stop", "#regenerate", "#settings", "#new-conversation",
            "#toggle-artifacts", "#view-chat", "#theme-system"}) {
            Node graphic = robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getGraphic();
            assertThat(graphic).as(id).isInstanceOf(FontIcon.class);
            // the font Ikonli registers ("System" when it did not load)
            assertThat(((FontIcon) graphic).getFont().getFamily()).as(id).isEqualTo("FeatherIcons");
        }
    }

    @Test
    void regenerateStopNewFocusAndSearch(FxRobot robot) throws Exception {
        loadAndAsk(robot, "Write add");
        press(robot, Shortcut.REGENERATE);
        await("second version", () -> !vm.chat().generatingProperty().get()
                && vm.chat().messages().get(1).versionCountProperty().get() == 2);
        assertThat(vm.chat().messages().get(1).textProperty().get()).isEqualTo("Second version of the reply.");

        generator.holdAfter(3);
        press(robot, Shortcut.REGENERATE);
        await("streaming", () -> vm.chat().generatingProperty().get()
                && vm.chat().messages().get(1).textProperty().get().length() >= 3);
        press(robot, Shortcut.STOP);
        await("stopped", () -> !vm.chat().generatingProperty().get());
        assertThat(vm.chat().messages().get(1).statsProperty().get().finishReason()).isEqualTo("cancelled");
        assertThat(vm.chat().messages().get(1).textProperty().get()).isEqualTo("a t");

        press(robot, Shortcut.SEARCH_CONVERSATIONS);
        assertThat(focused().getId()).isEqualTo("conversation-search");
        press(robot, Shortcut.FOCUS_INPUT); // from the search field: the accelerator still reaches the window
        assertThat(focused().getId()).isEqualTo("prompt");

        press(robot, Shortcut.NEW_CONVERSATION);
        assertThat(vm.chat().messages()).isEmpty();
        assertThat(vm.conversations().selectedProperty().get()).isNull();
        assertThat(robot.lookup("#chat-title").queryAs(Label.class).getText()).isEqualTo("New conversation");
        assertThat(focused().getId()).isEqualTo("prompt");
        assertThat(vm.conversations().shown()).extracting(c -> c.title()).containsExactly("Write add");
    }

    @Test
    void viewsArtifactsSettingsAndTheShortcutList(FxRobot robot) throws Exception {
        WorkbenchView view = (WorkbenchView) stage.getScene().getRoot();
        press(robot, Shortcut.VIEW_EVALUATION);
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.EVALUATION);
        assertThat(view.getCenter()).isSameAs(view.evaluationView());
        press(robot, Shortcut.VIEW_MODELS);
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.MODELS);
        assertThat(robot.lookup("#models-installed").tryQuery()).isPresent();
        press(robot, Shortcut.SEARCH_CONVERSATIONS); // brings the chat back for the search field
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.CHAT);
        press(robot, Shortcut.VIEW_MODELS);
        press(robot, Shortcut.VIEW_CHAT);
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.CHAT);

        // no artifact yet: the pane takes no room until a reply has code (issue 20)
        assertThat(robot.lookup("#artifacts").tryQuery()).isEmpty();
        press(robot, Shortcut.TOGGLE_ARTIFACTS);
        assertThat(vm.artifacts().shownProperty().get()).isFalse();
        assertThat(robot.lookup("#artifacts").tryQuery()).isEmpty();
        press(robot, Shortcut.VIEW_EVALUATION);
        press(robot, Shortcut.TOGGLE_ARTIFACTS); // shows them, and the chat they belong to
        assertThat(vm.artifacts().shownProperty().get()).isTrue();
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.CHAT);

        press(robot, Shortcut.SETTINGS);
        await("settings dialog", () -> dialog("Conversation settings") != null);
        robot.interact(() -> dialog("Conversation settings").hide());

        press(robot, Shortcut.SHORTCUTS);
        await("shortcut list", () -> dialog("Keyboard shortcuts") != null);
        Window list = dialog("Keyboard shortcuts");
        DialogPane pane = (DialogPane) list.getScene().getRoot();
        for (Shortcut s : Shortcut.values()) {
            Label keys = (Label) pane.lookup("#shortcut-" + s.id());
            assertThat(keys.getText()).isEqualTo(s.keys().getDisplayText());
        }
        assertThat(((Label) pane.lookup("#shortcut-new-conversation")).getText()).contains("N");
        robot.interact(list::hide);
    }

    @Test
    void shortcutsStillWorkAfterTheLanguageChanges(FxRobot robot) throws Exception {
        robot.clickOn("#language").clickOn("简体中文");
        await("relocalized", () -> robot.lookup("#chat-title").queryAs(Label.class).getText().equals("新建会话"));
        press(robot, Shortcut.VIEW_MODELS);
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.MODELS);
        press(robot, Shortcut.FOCUS_INPUT);
        assertThat(vm.viewProperty().get()).isEqualTo(MainView.CHAT);
        assertThat(focused().getId()).isEqualTo("prompt");
        dev.qwenwb.app.ui.common.I18n.use("en"); // the bundle is global: later tests expect English
    }

    private static Window dialog(String title) {
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && title.equals(s.getTitle()) && s.isShowing()) {
                return w;
            }
        }
        return null;
    }
}
