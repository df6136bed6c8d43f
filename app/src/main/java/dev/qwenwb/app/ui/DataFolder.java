package dev.qwenwb.app.ui;

import java.nio.file.Path;

/**
 * Where the app keeps what the user makes: {@code -Dworkbench.data=DIR}, else the environment variable
 * {@code WORKBENCH_DATA}, else {@code ~/.qwen-workbench}.
 */
public record DataFolder(Path root) {

    /** The system property naming the data folder. */
    public static final String PROPERTY = "workbench.data";
    /** The environment variable naming the data folder. */
    public static final String ENV = "WORKBENCH_DATA";

    /** The folder this process uses. */
    public static DataFolder resolve() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENV);
        }
        if (dir == null || dir.isBlank()) {
            return new DataFolder(Path.of(System.getProperty("user.home"), ".qwen-workbench"));
        }
        return new DataFolder(Path.of(dir));
    }

    /** Saved conversations. */
    public Path conversations() {
        return root.resolve("conversations");
    }

    /** The demo model's folder. */
    public Path demoModel() {
        return root.resolve("models").resolve("demo");
    }

    /** The evaluation view's run folders. */
    public Path runs() {
        return root.resolve("runs");
    }

    /** Where the built-in suites are installed for the evaluation view. */
    public Path suites() {
        return root.resolve("suites");
    }

    /** App settings (theme, language, recent models). */
    public Path settingsFile() {
        return root.resolve("settings.json");
    }
}
