package dev.qwenwb.app.ui;

import java.nio.file.Path;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

/**
 * Saves the window's state (place, size, view, dividers) when the JVM is ended without the window closing — SIGTERM,
 * a logout, {@code kill} — from a shutdown hook that touches no JavaFX: the state is captured on the FX thread as it
 * changes, and the hook only writes what was captured (atomically, with the app settings as last applied). After a
 * normal close, which saves the window itself, the captured state equals the saved one and the hook writes nothing.
 */
final class WindowStateKeeper {

    private final Path file;
    private volatile AppSettings settings;
    private volatile WindowSettings window;

    private WindowStateKeeper(Path file, AppSettings settings) {
        this.file = file;
        this.settings = settings;
        this.window = settings.window();
    }

    /**
     * Follows {@code stage} and {@code vm} (FX thread) and adds the shutdown hook that saves them into
     * {@code file}.
     *
     * @return the keeper (its hook is registered)
     */
    static WindowStateKeeper install(Stage stage, WorkbenchViewModel vm, Path file) {
        WindowStateKeeper k = new WindowStateKeeper(file, vm.settingsProperty().get());
        InvalidationListener capture = o -> {
            if (stage.getWidth() > 0 && stage.getHeight() > 0) {
                k.window = vm.windowSettings(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                        stage.isMaximized());
            }
        };
        stage.xProperty().addListener(capture);
        stage.yProperty().addListener(capture);
        stage.widthProperty().addListener(capture);
        stage.heightProperty().addListener(capture);
        stage.maximizedProperty().addListener(capture);
        vm.viewProperty().addListener(capture);
        vm.dividers().addListener(() -> capture.invalidated(null));
        vm.settingsProperty().addListener((o, a, b) -> k.settings = b);
        capture.invalidated(null);
        Runtime.getRuntime().addShutdownHook(new Thread(k::saveIfChanged, "workbench-window-state"));
        return k;
    }

    /** Writes the captured window state unless the settings as last saved hold it already; any thread. */
    synchronized void saveIfChanged() {
        AppSettings s = settings;
        WindowSettings w = window;
        if (!w.equals(s.window())) {
            AppSettings now = s.withWindow(w);
            now.save(file);
            settings = now;
        }
    }
}
