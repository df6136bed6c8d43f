package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.testing.Laptop;
import dev.qwenwb.app.ui.testing.SceneTexts;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.Snapshots;
import dev.qwenwb.app.ui.testing.TimedRun;
import dev.qwenwb.evaluation.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
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
 * The window at 1366×768 (the most common laptop screen) in English and in Chinese: every view and tab, with a
 * model loaded, a conversation with code and a finished evaluation run open, every dialog (about, shortcuts,
 * settings, engine, endpoint, a result cell's detail) and every context menu. Fails when a labelled control shows
 * its text cut, and (in Chinese) when a string shown is not from the Chinese bundle nor data (case titles,
 * configuration and model names, paths). With {@code -Dscreenshots.dir=DIR} it also writes each view, light and
 * dark, to DIR.
 */
@ExtendWith(ApplicationExtension.class)
class WindowAt1366Test {

    private static final String REPLY = "A function with a test:\n\n```python\ndef add(a, b):\n    return a + b\n\n\n"
            + "print(add(2, 3))\n```\n";

    private static final String PROMPT = "Write add(a, b) in Python";

    @TempDir
    static Path tmp;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private Stage stage;
    private Path data;
    private Path run;
    private Suite suite;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        data = tmp.resolve("w" + System.nanoTime());
        run = data.resolve("runs").resolve("article-20261204-101500");
        suite = TimedRun.write(run);
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens(REPLY, 4));
        vm = new WorkbenchViewModel(new DataFolder(data), Platform::runLater, background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en").withTheme("light"));
        WorkbenchApp.show(stage, vm);
        Laptop.place(stage);
    }

    @AfterEach
    void tearDown() {
        dev.qwenwb.app.ui.common.I18n.use(null); // the window switched to Chinese: later tests read the default
        vm.evaluation().stop();
        background.shutdownNow();
    }

    @Test
    void everyViewFitsInEnglishAndInChinese(FxRobot robot) throws Exception {
        robot.interact(vm::loadDemoModel);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.models().stateProperty().get() == LoadState.READY);
        robot.interact(() -> {
            vm.chat().inputProperty().set(PROMPT);
            vm.chat().send();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.chat().generatingProperty().get());
        robot.interact(() -> vm.evaluation().openRun(run));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.evaluation().results().size() == 12);

        List<String> problems = new ArrayList<>();
        problems.addAll(walk(robot, "en", false));
        robot.interact(() -> robot.lookup("#language").queryAs(ComboBox.class).setValue("简体中文"));
        WaitForAsyncUtils.waitForFxEvents();
        problems.addAll(walk(robot, "zh", true));
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /** Shows every view and tab; returns what is cut (and, in Chinese, what is not translated). */
    private List<String> walk(FxRobot robot, String lang, boolean chinese) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>();
        for (MainView v : MainView.values()) {
            robot.interact(() -> vm.viewProperty().set(v));
            settle();
            if (v == MainView.EVALUATION) {
                TabPane tabs = robot.lookup("#eval-tabs").queryAs(TabPane.class);
                TabPane left = robot.lookup("#eval-left").queryAs(TabPane.class);
                for (int i = 0; i < tabs.getTabs().size(); i++) {
                    int t = i;
                    robot.interact(() -> {
                        tabs.getSelectionModel().select(t);
                        left.getSelectionModel().select(t % left.getTabs().size());
                    });
                    settle();
                    check(lang + " evaluation tab " + t, problems, shown);
                    shoot(robot, lang, "evaluation-" + t);
                }
            } else {
                check(lang + " " + v, problems, shown);
                shoot(robot, lang, v.name().toLowerCase(Locale.ROOT));
            }
        }
        robot.interact(() -> vm.viewProperty().set(MainView.CHAT)); // the settings are the open conversation's
        for (String item : List.of("menu-about", "menu-shortcuts", "menu-settings", "model-engine",
                "model-add-endpoint")) {
            dialog(robot, item, lang, problems, shown);
        }
        contextMenus(robot, lang, problems, shown);
        cellDetail(robot, lang, problems, shown);
        if (chinese) {
            ResourceBundle zh = ResourceBundle.getBundle("dev.qwenwb.app.ui.messages", Locale.SIMPLIFIED_CHINESE);
            for (String s : SceneTexts.notIn(zh, shown, data())) {
                problems.add("zh: not from the Chinese bundle: \"" + s + "\"");
            }
        }
        return problems;
    }

    /**
     * Opens the dialog of menu item {@code id} (of the menu bar or of a menu button, e.g. the model picker's Engine
     * settings and Add endpoint), checks its window like a view, and closes it.
     */
    private void dialog(FxRobot robot, String id, String lang, List<String> problems, Set<String> shown)
            throws Exception {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        List<javafx.scene.control.MenuItem> items = new ArrayList<>();
        bar.getMenus().forEach(m -> items.addAll(m.getItems()));
        robot.lookup(".menu-button").queryAllAs(javafx.scene.control.MenuButton.class)
                .forEach(b -> items.addAll(b.getItems()));
        javafx.scene.control.MenuItem item = items.stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id));
        window(robot, () -> Platform.runLater(item::fire), id, lang, problems, shown); // a dialog may wait for its answer
    }

    /**
     * The detail of a result cell (a click on a grid cell of the finished run), checked like a view; its Close
     * button's word too.
     */
    private void cellDetail(FxRobot robot, String lang, List<String> problems, Set<String> shown) throws Exception {
        robot.interact(() -> {
            vm.viewProperty().set(MainView.EVALUATION);
            robot.lookup("#eval-tabs").queryAs(TabPane.class).getSelectionModel().select(1);
        });
        settle();
        javafx.scene.control.TableCell<?, ?> cell = robot.lookup(".result-table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(c -> c.getItem() instanceof dev.qwenwb.app.ui.evaluation.Cell x && !x.results().isEmpty()
                        && SceneTexts.shown(c))
                .findFirst().orElseThrow(() -> new AssertionError("no grid cell with a result"));
        window(robot, () -> Platform.runLater(() -> javafx.event.Event.fireEvent(cell, new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, javafx.scene.input.MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, true, null))), "cell detail", lang, problems, shown);
        robot.interact(() -> vm.viewProperty().set(MainView.CHAT));
        settle();
    }

    /**
     * Opens each context menu the window has — a conversation's in the list, the message box's (JavaFX's own
     * Undo… Select All, in the window's language too) — and, where they have one, a grid cell's, a case's and a
     * model's; checks each menu's words and that none is cut.
     */
    private void contextMenus(FxRobot robot, String lang, List<String> problems, Set<String> shown)
            throws Exception {
        robot.interact(() -> vm.viewProperty().set(MainView.CHAT));
        settle();
        javafx.scene.Node conversation = robot.lookup("#conversations").lookup(".list-cell")
                .queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getItem() != null && SceneTexts.shown(c)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversation in the list"));
        contextMenu(robot, conversation, true, lang + " conversation list", problems, shown);
        contextMenu(robot, robot.lookup("#prompt").query(), true, lang + " message box", problems, shown);
        robot.interact(() -> vm.viewProperty().set(MainView.EVALUATION));
        settle();
        for (String selector : List.of(".result-table-cell", "#eval-cases .list-cell")) {
            robot.lookup(selector).queryAll().stream().filter(SceneTexts::shown).findFirst()
                    .ifPresent(n -> uncheckedMenu(robot, n, lang + " " + selector, problems, shown));
        }
        robot.interact(() -> vm.viewProperty().set(MainView.MODELS));
        settle();
        for (String selector : List.of("#models-installed .list-cell", "#models-catalog .table-row-cell")) {
            robot.lookup(selector).queryAll().stream().filter(SceneTexts::shown).findFirst()
                    .ifPresent(n -> uncheckedMenu(robot, n, lang + " " + selector, problems, shown));
        }
        robot.interact(() -> vm.viewProperty().set(MainView.CHAT));
        settle();
    }

    private void uncheckedMenu(FxRobot robot, javafx.scene.Node target, String where, List<String> problems,
                               Set<String> shown) {
        try {
            contextMenu(robot, target, false, where, problems, shown);
        } catch (Exception e) {
            throw new AssertionError(where, e);
        }
    }

    /** Asks {@code target} for its context menu (as a right click does), checks the menu shown, and hides it. */
    private void contextMenu(FxRobot robot, javafx.scene.Node target, boolean required, String where,
                             List<String> problems, Set<String> shown) throws Exception {
        robot.interact(() -> {
            javafx.geometry.Bounds b = target.localToScreen(target.getBoundsInLocal());
            double x = b.getWidth() / 2;
            double y = Math.min(b.getHeight() / 2, 10);
            javafx.event.Event.fireEvent(target, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, x, y, b.getMinX() + x, b.getMinY() + y,
                    false, new javafx.scene.input.PickResult(target, b.getMinX() + x, b.getMinY() + y)));
        });
        settle();
        javafx.scene.control.ContextMenu menu = javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                .map(w -> (javafx.scene.control.ContextMenu) w).findFirst().orElse(null);
        if (menu == null) {
            if (required) {
                problems.add(where + ": no context menu");
            }
            return;
        }
        List<String> words = new ArrayList<>();
        menuTexts(menu.getItems(), words);
        shown.addAll(words);
        SceneTexts.truncated(menu.getScene().getRoot()).forEach(t -> problems.add(where + " context menu: " + t));
        robot.interact(menu::hide);
        settle();
    }

    private static void menuTexts(List<javafx.scene.control.MenuItem> items, List<String> out) {
        for (javafx.scene.control.MenuItem i : items) {
            if (i.getText() != null && !i.getText().isBlank() && i.isVisible()) {
                out.add(i.getText());
            }
            if (i instanceof javafx.scene.control.Menu m) {
                menuTexts(m.getItems(), out);
            }
        }
    }

    /** Opens a window with {@code opener} (off the FX thread), checks it like a view, and closes it. */
    private void window(FxRobot robot, Runnable opener, String id, String lang, List<String> problems, Set<String> shown)
            throws Exception {
        opener.run();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w != stage && w.isShowing() && w instanceof Stage));
        settle();
        javafx.stage.Window w = javafx.stage.Window.getWindows().stream()
                .filter(x -> x != stage && x.isShowing() && x instanceof Stage).findFirst().orElseThrow();
        javafx.scene.Node root = w.getScene().getRoot();
        if (root.lookup("#engine-gpus") instanceof javafx.scene.control.Label probed) { // its answer comes later
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !"…".equals(probed.getText()));
            settle();
        }
        SceneTexts.truncated(root).forEach(t -> problems.add(lang + " " + id + ": " + t));
        shown.addAll(SceneTexts.strings(root));
        if (root instanceof javafx.scene.control.DialogPane pane) {
            for (javafx.scene.control.ButtonType b : pane.getButtonTypes()) {
                shown.add(b.getText());
                javafx.scene.Node button = pane.lookupButton(b);
                javafx.geometry.Bounds at = button.localToScene(button.getBoundsInLocal());
                if (at.getMaxY() > w.getScene().getHeight() + 0.5 || at.getMaxX() > w.getScene().getWidth() + 0.5) {
                    problems.add(lang + " " + id + ": the button \"" + b.getText() + "\" lies outside its window");
                }
            }
        }
        robot.interact(() -> ((Stage) w).close());
        settle();
    }

    private void check(String where, List<String> problems, Set<String> shown) {
        javafx.scene.Node root = stage.getScene().getRoot();
        SceneTexts.truncated(root).forEach(t -> problems.add(where + ": " + t));
        shown.addAll(SceneTexts.strings(root));
    }

    /** Strings that are data, not the window's words: the suite's, the run's, the model's, the reply's. */
    private List<String> data() {
        List<String> d = new ArrayList<>(List.of("English", "简体中文", "Qwen", "GGUF", "OpenAI", "HTML", "CSV",
                "JSON", "MiB", "GiB", "ms", "TTFT", "pass@1", "Python", suite.name(),
                vm.chat().titleProperty().get(), data.toString()));
        suite.cases().forEach(c -> {
            d.add(c.id());
            d.add(c.title());
        });
        d.addAll(TimedRun.CONFIGS);
        d.add("python");
        d.add(dev.qwenwb.inference.llamacpp.LlamaNatives.bundled());
        d.add(System.getProperty("java.vendor", ""));
        d.add(System.getProperty("java.version", ""));
        d.add(PROMPT);
        d.addAll(List.of("engine", "auto", "replay", "openai", "demo", "cpu")); // the key=value words the CLI shares
        d.add("ms");
        d.add("MB");
        d.add("GB");
        if (vm.models().descriptionProperty().get() != null) {
            d.add(vm.models().descriptionProperty().get().name());
            d.add(vm.models().descriptionProperty().get().note());
        }
        TimedRun.descriptions().forEach(d::add);
        vm.evaluation().configurations().items().forEach(c -> d.add(c.nameProperty().get()));
        return d;
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(150);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(FxRobot robot, String lang, String view) throws Exception {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path out = Path.of(dir);
        Files.createDirectories(out);
        for (String theme : List.of("light", "dark")) {
            robot.interact(() -> robot.lookup("#theme-" + theme).queryAs(javafx.scene.control.ToggleButton.class).fire());
            settle();
            Snapshots.save(robot, stage.getScene(), out.resolve(view + "-" + lang + "-" + theme + ".png"));
        }
        robot.interact(() -> robot.lookup("#theme-light").queryAs(javafx.scene.control.ToggleButton.class).fire());
    }
}
