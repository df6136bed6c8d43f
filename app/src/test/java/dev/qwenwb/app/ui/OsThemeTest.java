package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What each OS's own tools answer, read as light or dark; anything that fails is light. */
class OsThemeTest {

    /** Answers the commands in {@code answers}; any other command fails as a missing tool would. */
    private static OsTheme.Probe answering(Map<List<String>, String> answers) {
        return command -> {
            String out = answers.get(command);
            if (out == null) {
                throw new IOException(command.get(0) + ": not found");
            }
            return out;
        };
    }

    @Test
    void gnomeColorSchemeAndGtkTheme() {
        assertThat(new OsTheme("Linux", Map.of(), answering(Map.of(OsTheme.GNOME_COLOR_SCHEME, "'prefer-dark'\n")))
                .dark()).isTrue();
        assertThat(new OsTheme("Linux", Map.of(), answering(Map.of(OsTheme.GNOME_COLOR_SCHEME, "'prefer-light'\n",
                OsTheme.GNOME_GTK_THEME, "'Adwaita-dark'\n"))).dark()).isFalse();
        assertThat(new OsTheme("Linux", Map.of(), answering(Map.of(OsTheme.GNOME_COLOR_SCHEME, "'default'\n",
                OsTheme.GNOME_GTK_THEME, "'Adwaita-dark'\n"))).dark()).isTrue();
        assertThat(new OsTheme("Linux", Map.of(), answering(Map.of(OsTheme.GNOME_COLOR_SCHEME, "'default'\n",
                OsTheme.GNOME_GTK_THEME, "'Adwaita'\n"))).dark()).isFalse();
        assertThat(new OsTheme("Linux", Map.of(), answering(Map.of())).dark()).isFalse(); // no gsettings
    }

    @Test
    void gtkThemeVariableWinsOnLinux() {
        OsTheme.Probe failing = command -> {
            throw new AssertionError("no tool should run when GTK_THEME says it");
        };
        assertThat(new OsTheme("Linux", Map.of("GTK_THEME", "Adwaita:dark"), failing).dark()).isTrue();
        assertThat(new OsTheme("Linux", Map.of("GTK_THEME", "Adwaita"), failing).dark()).isFalse();
    }

    @Test
    void macOsAppleInterfaceStyle() {
        assertThat(new OsTheme("Mac OS X", Map.of(), answering(Map.of(OsTheme.MAC_STYLE, "Dark\n"))).dark())
                .isTrue();
        // in light mode the key does not exist and defaults exits with 1
        assertThat(new OsTheme("Mac OS X", Map.of(), answering(Map.of())).dark()).isFalse();
    }

    @Test
    void windowsAppsUseLightTheme() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertThat(new OsTheme("Windows 11", Map.of(), answering(Map.of(OsTheme.WINDOWS_LIGHT, dark))).dark())
                .isTrue();
        assertThat(new OsTheme("Windows 11", Map.of(), answering(Map.of(OsTheme.WINDOWS_LIGHT,
                dark.replace("0x0", "0x1")))).dark()).isFalse();
        assertThat(new OsTheme("Windows 10", Map.of(), answering(Map.of())).dark()).isFalse();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theRealProbeReadsOutputFailsOnAnExitCodeAndKillsAToolThatHangs() throws Exception {
        OsTheme.Probe probe = OsTheme.commands(Duration.ofMillis(300));
        assertThat(probe.run(List.of("sh", "-c", "echo \"'prefer-dark'\""))).isEqualTo("'prefer-dark'\n");
        assertThatThrownBy(() -> probe.run(List.of("sh", "-c", "exit 1"))).isInstanceOf(IOException.class)
                .hasMessageContaining("exited with 1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> probe.run(List.of("sleep", "30"))).isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(new OsTheme("Linux", Map.of(), command -> probe.run(List.of("sleep", "30"))).dark()).isFalse();
    }
}
