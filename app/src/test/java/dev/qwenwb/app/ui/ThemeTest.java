package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
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
 * The theme follows the OS by default (here an OS whose answer the test sets) and can be forced light or dark from
 * the toolbar; a settings file of an earlier version ("light"/"dark") keeps its choice.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {

    @TempDir
    static Path data;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final AtomicBoolean osDark = new AtomicBoolean(true);
    private WorkbenchViewModel vm;
    private ThemeController theme;

    @Start
    void start(Stage stage) {
        ScriptedGenerator g = new ScriptedGenerator(1, ScriptedGenerator.tokens("hi", 1));
        vm = new WorkbenchViewModel(new DataFolder(data.resolve("t" + System.nanoTime())), Platform::runLater,
                background, source -> g.chat());
        vm.updateSettings(vm.settingsProperty().get().withLanguage("en"));
        OsTheme os = new OsTheme("Linux", Map.of(), command -> osDark.get() ? "'prefer-dark'\n" : "'default'\n");
        theme = WorkbenchApp.show(stage, vm, new DesktopServices(FilePicker.system(), os));
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
        Platform.runLater(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    private static String sheet() {
        return Application.getUserAgentStylesheet();
    }

    @Test
    void systemIsTheDefaultAndFollowsTheOsThenLightAndDarkAreForced(FxRobot robot) throws Exception {
        assertThat(vm.settingsProperty().get().theme()).isEqualTo("system");
        assertThat(robot.lookup("#theme-system").queryAs(ToggleButton.class).isSelected()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> theme.darkProperty().get());
        assertThat(sheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());

        robot.clickOn("#theme-light");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        assertThat(AppSettings.load(vm.data().settingsFile()).theme()).isEqualTo("light");

        robot.clickOn("#theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        osDark.set(false); // the OS goes light: a forced theme does not follow
        robot.interact(theme::apply);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());

        robot.clickOn("#theme-system"); // back to the OS, which is light now
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !theme.darkProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        assertThat(AppSettings.load(vm.data().settingsFile()).theme()).isEqualTo("system");
    }

    @Test
    void settingsOfEarlierVersionsKeepTheirThemeAndAnUnknownOneFollowsTheOs() throws Exception {
        Path f = data.resolve("old-settings.json");
        Files.writeString(f, "{\"theme\":\"dark\",\"language\":\"en\"}");
        assertThat(AppSettings.load(f).theme()).isEqualTo("dark");
        Files.writeString(f, "{\"theme\":\"light\"}");
        assertThat(AppSettings.load(f).theme()).isEqualTo("light");
        Files.writeString(f, "{\"language\":\"en\"}");
        assertThat(AppSettings.load(f).theme()).isEqualTo("system");
        Files.writeString(f, "{\"theme\":\"solarized\"}");
        assertThat(AppSettings.load(f).theme()).isEqualTo("system");
    }
}
