package dev.qwenwb.app.ui;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the app keeps what the user makes: {@code -Dworkbench.data=DIR}, else the environment variable
 * {@code WORKBENCH_DATA}, else the OS's per-user place ({@link HostEnvironment#defaultDataRoot()}:
 * {@code $XDG_DATA_HOME/qwen-workbench} or {@code ~/.local/share/qwen-workbench} on Linux,
 * {@code %APPDATA%\Qwen Workbench} on Windows, {@code ~/Library/Application Support/Qwen Workbench} on macOS), into
 * which an existing {@code ~/.qwen-workbench} is moved on first start (see {@link DataFolderMigration}).
 */
public record DataFolder(Path root) {

    /** The system property naming the data folder. */
    public static final String PROPERTY = "workbench.data";
    /** The environment variable naming the data folder. */
    public static final String ENV = "WORKBENCH_DATA";

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    /**
     * The folder this process uses, after moving the legacy folder into place where there is one; the outcome of
     * the move is logged (a warning when the user has something to look at).
     */
    public static DataFolder resolve() {
        Resolution r = resolve(HostEnvironment.system(), DataFolderMigration.SYSTEM_MOVE);
        switch (r.migration().status()) {
            case NOTHING_TO_MOVE -> { }
            case MOVED, COPIED -> LOG.info("{}", r.migration().message());
            default -> LOG.warn("{}", r.migration().message());
        }
        return r.folder();
    }

    /**
     * The folder for {@code host}: an override as it is, else the OS's place after migrating the legacy folder into
     * it; if that migration failed the legacy folder, still whole, is used.
     *
     * @param move the atomic move to try first (tests: one that refuses, as across file systems)
     */
    public static Resolution resolve(HostEnvironment host, DataFolderMigration.AtomicMove move) {
        Path override = host.overriddenDataRoot();
        if (override != null) {
            return new Resolution(new DataFolder(override), DataFolderMigration.Result.nothing());
        }
        Path root = host.defaultDataRoot();
        DataFolderMigration.Result m = DataFolderMigration.migrate(host.legacyDataRoot(), root, move);
        Path used = m.status() == DataFolderMigration.Status.FAILED ? host.legacyDataRoot() : root;
        return new Resolution(new DataFolder(used), m);
    }

    /** Saved conversations. */
    public Path conversations() {
        return root.resolve("conversations");
    }

    /** The demo model's folder. */
    public Path demoModel() {
        return root.resolve("models").resolve("demo");
    }

    /** Models converted to GGUF in the Models view, one folder each. */
    public Path convertedModels() {
        return root.resolve("models").resolve("gguf");
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

    /**
     * The folder chosen and what happened to the legacy folder on the way (for the window to show).
     *
     * @param folder    the data folder to use
     * @param migration what became of {@code ~/.qwen-workbench}
     */
    public record Resolution(DataFolder folder, DataFolderMigration.Result migration) {
    }
}
