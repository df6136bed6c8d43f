package dev.qwenwb.app.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the operating system is set to a dark appearance (JavaFX 21 has no API for it; 22's
 * {@code Platform.Preferences} has). Asks the OS's own tools, each under a short time limit: on Linux
 * {@code GTK_THEME} ending in {@code :dark}, else GNOME's {@code color-scheme} ({@code prefer-dark}) or a
 * {@code gtk-theme} named dark; on macOS {@code defaults read -g AppleInterfaceStyle} ({@code Dark}); on Windows the
 * registry's {@code AppsUseLightTheme} ({@code 0} = dark). Anything that fails or is unknown means light. Blocking:
 * call {@link #dark()} off the FX thread.
 */
public final class OsTheme {

    /** Runs a command and returns its standard output; throws when it cannot start, fails or overruns. */
    @FunctionalInterface
    public interface Probe {
        String run(List<String> command) throws IOException, InterruptedException;
    }

    static final List<String> GNOME_COLOR_SCHEME =
            List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
    static final List<String> GNOME_GTK_THEME = List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme");
    static final List<String> MAC_STYLE = List.of("defaults", "read", "-g", "AppleInterfaceStyle");
    static final List<String> WINDOWS_LIGHT = List.of("reg", "query",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme");

    private final String osName;
    private final Map<String, String> env;
    private final Probe probe;

    /**
     * @param osName the {@code os.name} property
     * @param env    the environment ({@code GTK_THEME})
     * @param probe  runs the OS's tools
     */
    public OsTheme(String osName, Map<String, String> env, Probe probe) {
        this.osName = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        this.env = env;
        this.probe = probe;
    }

    /** This machine's OS, its tools run with a 2-second limit each. */
    public static OsTheme system() {
        return new OsTheme(System.getProperty("os.name"), System.getenv(), commands(Duration.ofSeconds(2)));
    }

    /** Whether the OS is set to dark; false when it says light, or nothing can be found out (blocking). */
    public boolean dark() {
        if (osName.startsWith("mac")) {
            return ask(MAC_STYLE).strip().equalsIgnoreCase("dark");
        }
        if (osName.startsWith("windows")) {
            String out = ask(WINDOWS_LIGHT);
            return out.contains("AppsUseLightTheme") && out.strip().endsWith("0x0");
        }
        String gtk = env.getOrDefault("GTK_THEME", "");
        if (!gtk.isEmpty()) {
            return gtk.toLowerCase(Locale.ROOT).endsWith(":dark");
        }
        String scheme = ask(GNOME_COLOR_SCHEME);
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        return !scheme.contains("prefer-light") && ask(GNOME_GTK_THEME).toLowerCase(Locale.ROOT).contains("dark");
    }

    private String ask(List<String> command) {
        try {
            return probe.run(command);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Runs commands as child processes, killed after {@code limit}; a non-zero exit is a failure. These are the OS's
     * own settings tools, so they get the user's environment (dconf needs HOME and the session bus), unlike the
     * evaluation's {@code ProcessRunner}, which strips it for generated code.
     */
    static Probe commands(Duration limit) {
        return command -> {
            Process p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within " + limit.toMillis() + " ms");
            }
            if (p.exitValue() != 0) {
                throw new IOException(command.get(0) + " exited with " + p.exitValue());
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // a line: fits the pipe
        };
    }
}
