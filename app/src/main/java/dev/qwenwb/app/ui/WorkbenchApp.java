package dev.qwenwb.app.ui;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.ModelViewModel;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window over the data folder (see {@link DataFolder}). */
public final class WorkbenchApp extends Application {

    /** {@code -Dworkbench.reloadLastModel=false}: start without loading the model loaded last. */
    public static final String RELOAD_PROPERTY = "workbench.reloadLastModel";
    /** Set (to anything) in the environment: start without loading the model loaded last. */
    public static final String SKIP_RELOAD_ENV = "WORKBENCH_NO_RELOAD";

    private static volatile ModelViewModel.Loader loaderOverride;
    private static volatile Path openRun;

    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "workbench-background");
        t.setDaemon(true);
        return t;
    });
    private WorkbenchViewModel vm;
    private Stage stage;

    /**
     * Loads models with the in-process engine and the source's options; the demo model is written on first use. By
     * default the window runs half-precision weights (4× the decode speed of f32 on a CPU, see docs/PERFORMANCE.md);
     * the Engine settings or {@code -Dworkbench.dtype=f32} change that. A context longer than the model's
     * max_position_embeddings is capped to it.
     */
    public static ChatGenerator loadWithEngine(ModelViewModel.ModelSource source) throws Exception {
        if (source.demo()) {
            DemoModel.ensure(source.dir());
        }
        EngineOptions options = source.options();
        Path config = source.dir().resolve("config.json");
        if (options.contextLength() > 0 && Files.exists(config)) {
            int max = ModelConfig.read(config).maxPositionEmbeddings();
            options = options.withContextLength(Math.min(options.contextLength(), max));
        }
        return new EngineGenerator(Generators.open(source.dir().toString(), options),
                source.demo() ? DemoModel.LABEL : "");
    }

    /** Replaces how models load (tests: a scripted generator); null for the engine. */
    public static void setLoader(ModelViewModel.Loader loader) {
        loaderOverride = loader;
    }

    /** Opens the window on the evaluation view showing this run folder (from {@code --open-run DIR}); null: none. */
    public static void setOpenRun(Path runFolder) {
        openRun = runFolder;
    }

    /** The window's state (for tests). */
    public WorkbenchViewModel viewModel() {
        return vm;
    }

    @Override
    public void start(Stage stage) {
        ModelViewModel.Loader loader = loaderOverride != null ? loaderOverride : WorkbenchApp::loadWithEngine;
        vm = new WorkbenchViewModel(DataFolder.resolve(), Platform::runLater, background, loader);
        this.stage = stage;
        show(stage, vm);
        WindowStateKeeper.install(stage, vm, vm.data().settingsFile()); // SIGTERM keeps the window too
        if (!"false".equals(System.getProperty(RELOAD_PROPERTY)) && System.getenv(SKIP_RELOAD_ENV) == null) {
            vm.reloadLastModel();
        }
        Path run = openRun;
        if (run != null) {
            showRun(vm, run);
        }
    }

    /** Shows run folder {@code dir} in the evaluation view (FX thread). */
    public static void showRun(WorkbenchViewModel vm, Path dir) {
        vm.viewProperty().set(MainView.EVALUATION);
        vm.evaluation().openRun(dir);
    }

    /** Builds the window for {@code vm} on {@code stage} (FX thread), with the OS's file choosers and theme. */
    public static void show(Stage stage, WorkbenchViewModel vm) {
        show(stage, vm, DesktopServices.system());
    }

    /**
     * Builds the window for {@code vm} on {@code stage} (FX thread) over {@code desktop}'s file choosers and OS
     * theme; returns what applies the theme (its {@code darkProperty} says which one is in use).
     */
    public static ThemeController show(Stage stage, WorkbenchViewModel vm, DesktopServices desktop) {
        I18n.use(vm.settingsProperty().get().language());
        ThemeController theme = new ThemeController(desktop.osTheme(), Platform::runLater,
                vm.themeProperty()::get);
        theme.apply();
        vm.themeProperty().addListener((o, a, b) -> theme.apply());
        stage.focusedProperty().addListener((o, a, b) -> {
            if (b) {
                theme.apply(); // "system": the OS may have switched while the window was in the background
            }
        });
        Scene scene = new Scene(new WorkbenchView(vm, () -> relocalize(stage, vm, desktop), desktop.files()));
        WindowPlacement.place(stage, vm.settingsProperty().get().window());
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> saveWindow(stage, vm));
        scene.getStylesheets().add(Objects.requireNonNull(
                WorkbenchApp.class.getResource("workbench.css")).toExternalForm());
        stage.setTitle(I18n.t("app.title"));
        stage.getIcons().setAll(Icons.app());
        stage.setScene(scene);
        stage.show();
        return theme;
    }

    /** Saves where {@code stage} is, with the view and dividers shown, into the app settings. */
    static void saveWindow(Stage stage, WorkbenchViewModel vm) {
        if (stage.getWidth() > 0 && stage.getHeight() > 0) {
            vm.saveWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }
    }

    private static void relocalize(Stage stage, WorkbenchViewModel vm, DesktopServices desktop) {
        I18n.use(vm.settingsProperty().get().language());
        vm.evaluation().relocalize();
        Platform.runLater(() -> {
            stage.getScene().setRoot(new WorkbenchView(vm, () -> relocalize(stage, vm, desktop), desktop.files()));
            stage.setTitle(I18n.t("app.title"));
        });
    }

    @Override
    public void stop() {
        if (vm != null) {
            if (stage != null && stage.isShowing()) {
                saveWindow(stage, vm); // quit from the menu: the window was not hidden first
            }
            vm.evaluation().stop();
            vm.evaluation().saveNow();
            vm.chat().stop();
            vm.server().close();
            vm.models().close();
            vm.library().close();
        }
        background.shutdownNow();
    }
}
