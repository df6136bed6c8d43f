package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
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
 * One theme setting, followed everywhere: a choice in View ▸ Theme moves the toolbar's switcher and the applied
 * theme; a click on the switcher moves the menu's mark; a change made elsewhere (the settings updated by other
 * code) moves both; and a window rebuilt for another language still follows.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeEverywhereTest {

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkbenchViewModel vm;
    private ThemeController theme;

    @Start
    void start(Stage stage) {
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1));
        vm = new WorkbenchViewModel(new DataFolder(data.resolve("t" + System.nanoTime())), Platform::runLater,
                background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        OsTheme light = new OsTheme("Linux", Map.of(), command -> "'default'\n");
        theme = WorkbenchApp.show(stage, vm, new DesktopServices(FilePicker.system(), light));
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
        I18n.use("en");
        Platform.runLater(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @Test
    void theMenuTheSwitcherAndTheSettingFollowOneAnother(FxRobot robot) {
        assertThat(switcher(robot, "system").isSelected()).isTrue();
        assertThat(menuItem(robot, "system").isSelected()).isTrue();

        robot.clickOn(I18n.t("menu.view")).clickOn(I18n.t("theme.menu")).clickOn(I18n.t("theme.dark"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.themeProperty().get()).isEqualTo("dark");
        assertThat(AppSettings.load(vm.data().settingsFile()).theme()).isEqualTo("dark");
        assertThat(switcher(robot, "dark").isSelected()).isTrue();
        assertThat(switcher(robot, "system").isSelected()).isFalse();
        assertThat(theme.darkProperty().get()).isTrue();

        robot.clickOn("#theme-light");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(menuItem(robot, "light").isSelected()).isTrue();
        assertThat(menuItem(robot, "dark").isSelected()).isFalse();
        assertThat(theme.darkProperty().get()).isFalse();

        robot.interact(() -> vm.updateSettings(vm.settingsProperty().get().withTheme("dark"))); // elsewhere
        assertThat(switcher(robot, "dark").isSelected()).isTrue();
        assertThat(menuItem(robot, "dark").isSelected()).isTrue();
        assertThat(theme.darkProperty().get()).isTrue();

        // another language rebuilds the window: the new switcher and menu show the setting and follow it
        robot.interact(() -> robot.lookup("#language").<javafx.scene.control.ComboBox<String>>query()
                .setValue("简体中文"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(switcher(robot, "dark").isSelected()).isTrue();
        robot.clickOn(I18n.t("menu.view")).clickOn(I18n.t("theme.menu")).clickOn(I18n.t("theme.light"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.themeProperty().get()).isEqualTo("light");
        assertThat(switcher(robot, "light").isSelected()).isTrue();
        assertThat(theme.darkProperty().get()).isFalse();
    }

    private static ToggleButton switcher(FxRobot robot, String t) {
        return robot.lookup("#theme-" + t).queryAs(ToggleButton.class);
    }

    private static RadioMenuItem menuItem(FxRobot robot, String t) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        for (javafx.scene.control.Menu m : bar.getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (i instanceof javafx.scene.control.Menu sub && "menu-theme".equals(sub.getId())) {
                    return (RadioMenuItem) sub.getItems().stream().filter(x -> ("menu-theme-" + t).equals(x.getId()))
                            .findFirst().orElseThrow();
                }
            }
        }
        throw new AssertionError("no View ▸ Theme");
    }
}
