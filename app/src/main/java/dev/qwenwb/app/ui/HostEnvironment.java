package dev.qwenwb.app.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The user's home folder ({@link #home}: where exports open too) and what the data folder's location depends on:
 * system properties ({@code os.name}, {@code user.home}, {@code workbench.data}) and environment variables
 * ({@code WORKBENCH_DATA}, {@code XDG_DATA_HOME}, {@code APPDATA}, {@code HOME}).
 * Tests pass their own lookups; the app uses {@link #system()}.
 *
 * @param property looks up a system property (null when unset)
 * @param variable looks up an environment variable (null when unset)
 */
public record HostEnvironment(UnaryOperator<String> property, UnaryOperator<String> variable) {

    /** The folder's name on Windows and macOS. */
    public static final String DISPLAY_NAME = "Qwen Workbench";
    /** The folder's name under the XDG data home (Linux and other Unix systems). */
    public static final String XDG_NAME = "qwen-workbench";
    /** The folder used before version 0.1 moved to the OS's per-user place, directly in the home folder. */
    public static final String LEGACY_NAME = ".qwen-workbench";

    /** This process's properties and environment. */
    public static HostEnvironment system() {
        return new HostEnvironment(System::getProperty, System::getenv);
    }

    /** The OS's per-user place for an application's data, for this app. */
    public Path defaultDataRoot() {
        String os = nonBlank(property.apply("os.name"));
        os = os == null ? "" : os.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path appData = absolute(variable.apply("APPDATA"));
            return (appData != null ? appData : home().resolve("AppData").resolve("Roaming")).resolve(DISPLAY_NAME);
        }
        if (os.startsWith("mac")) {
            return home().resolve("Library").resolve("Application Support").resolve(DISPLAY_NAME);
        }
        // XDG Base Directory spec: a relative $XDG_DATA_HOME is invalid and is ignored
        Path xdg = absolute(variable.apply("XDG_DATA_HOME"));
        return (xdg != null ? xdg : home().resolve(".local").resolve("share")).resolve(XDG_NAME);
    }

    /** {@code ~/.qwen-workbench}, where earlier versions kept their data. */
    public Path legacyDataRoot() {
        return home().resolve(LEGACY_NAME);
    }

    /** The folder named by {@code -Dworkbench.data} or else {@code WORKBENCH_DATA}; null when neither is set. */
    public Path overriddenDataRoot() {
        String dir = nonBlank(property.apply(DataFolder.PROPERTY));
        if (dir == null) {
            dir = nonBlank(variable.apply(DataFolder.ENV));
        }
        return dir == null ? null : Path.of(dir);
    }

    /**
     * The home folder: on Linux and macOS {@code $HOME} when it is an absolute path (as the XDG spec and every shell
     * read it; the JVM's {@code user.home} comes from the password database and ignores {@code HOME}), else
     * {@code user.home}.
     */
    public Path home() {
        String os = nonBlank(property.apply("os.name"));
        if (os == null || !os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            Path home = absolute(variable.apply("HOME"));
            if (home != null) {
                return home;
            }
        }
        String home = nonBlank(property.apply("user.home"));
        return Path.of(home == null ? "." : home);
    }

    private static Path absolute(String dir) {
        String d = nonBlank(dir);
        if (d == null) {
            return null;
        }
        Path p = Path.of(d);
        return p.isAbsolute() ? p : null;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
