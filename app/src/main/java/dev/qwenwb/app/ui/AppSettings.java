package dev.qwenwb.app.ui;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.app.ui.evaluation.EvaluationSettings;
import dev.qwenwb.app.ui.model.EngineSettings;
import dev.qwenwb.app.ui.model.RemoteEndpoint;
import dev.qwenwb.app.ui.models.DownloadSettings;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App-wide settings, saved as JSON in the data folder.
 *
 * @param theme        "system" (follow the OS's light/dark setting; also for a missing or unknown value), "light"
 *                     or "dark"
 * @param language     "en", "zh-CN", or null for the system locale
 * @param recentModels model folders opened before, newest first
 * @param engine       how models run (precision, device, context, threads)
 * @param endpoints    OpenAI-compatible endpoints added to the model picker (their keys live here, in the settings
 *                     file, never in conversation files)
 * @param evaluation   the evaluation view's configurations, configuration sets, suite and opened runs
 * @param downloads    the Models view's source and mirror for new downloads
 * @param window       where the window was, its view and divider positions when it closed
 * @param lastModel    the model loaded last: "demo" or a model folder or {@code .gguf} file; null: none
 * @param reloadLast   whether the window loads {@code lastModel} again on start (null: yes)
 * @param exportFolder the folder the user exported to last (reports, conversations), where the next save dialog
 *                     opens; null: none yet
 */
public record AppSettings(String theme, String language, List<String> recentModels, EngineSettings engine,
                          List<RemoteEndpoint> endpoints, EvaluationSettings evaluation, DownloadSettings downloads,
                          WindowSettings window, String lastModel, Boolean reloadLast, String exportFolder) {

    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AppSettings {
        theme = "dark".equals(theme) || "light".equals(theme) ? theme : "system";
        recentModels = recentModels == null ? List.of() : List.copyOf(recentModels);
        engine = engine == null ? EngineSettings.defaults() : engine;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        evaluation = evaluation == null ? EvaluationSettings.defaults() : evaluation;
        downloads = downloads == null ? DownloadSettings.defaults() : downloads;
        window = window == null ? WindowSettings.none() : window;
        reloadLast = reloadLast == null || reloadLast;
    }

    /** Settings written before endpoints and the evaluation view existed. */
    public AppSettings(String theme, String language, List<String> recentModels, EngineSettings engine) {
        this(theme, language, recentModels, engine, List.of(), null, null, null, null, null, null);
    }

    /** The OS's theme, the system language, no recent models, default engine settings. */
    public static AppSettings defaults() {
        return new AppSettings("system", null, List.of(), EngineSettings.defaults());
    }

    /** Reads {@code file}; defaults when missing or unreadable. */
    public static AppSettings load(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            return JSON.readValue(file.toFile(), AppSettings.class);
        } catch (IOException e) {
            LOG.warn("ignoring unreadable settings {}: {}", file, e.getMessage());
            return defaults();
        }
    }

    /** Writes atomically to {@code file}. */
    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileTrees.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            LOG.warn("cannot save settings {}: {}", file, e.getMessage());
        }
    }

    public AppSettings withTheme(String t) {
        return new AppSettings(t, language, recentModels, engine, endpoints, evaluation, downloads,
                window, lastModel, reloadLast, exportFolder);
    }

    public AppSettings withLanguage(String l) {
        return new AppSettings(theme, l, recentModels, engine, endpoints, evaluation, downloads,
                window, lastModel, reloadLast, exportFolder);
    }

    public AppSettings withEngine(EngineSettings e) {
        return new AppSettings(theme, language, recentModels, e, endpoints, evaluation, downloads,
                window, lastModel, reloadLast, exportFolder);
    }

    public AppSettings withEvaluation(EvaluationSettings e) {
        return new AppSettings(theme, language, recentModels, engine, endpoints, e, downloads,
                window, lastModel, reloadLast, exportFolder);
    }

    public AppSettings withDownloads(DownloadSettings d) {
        return new AppSettings(theme, language, recentModels, engine, endpoints, evaluation, d,
                window, lastModel, reloadLast, exportFolder);
    }

    /** With {@code model} ("demo", a folder or a file) as the one to load again on start. */
    public AppSettings withLastModel(String model) {
        return new AppSettings(theme, language, recentModels, engine, endpoints, evaluation, downloads, window, model,
                reloadLast, exportFolder);
    }

    public AppSettings withReloadLast(boolean reload) {
        return new AppSettings(theme, language, recentModels, engine, endpoints, evaluation, downloads, window,
                lastModel, reload, exportFolder);
    }

    public AppSettings withWindow(WindowSettings w) {
        return new AppSettings(theme, language, recentModels, engine, endpoints, evaluation, downloads,
                w, lastModel, reloadLast, exportFolder);
    }

    /** With {@code dir} as the folder of the last export. */
    public AppSettings withExportFolder(String dir) {
        return new AppSettings(theme, language, recentModels, engine, endpoints, evaluation, downloads, window,
                lastModel, reloadLast, dir);
    }

    /** With {@code dir} first among the recent models (at most 8). */
    public AppSettings withRecentModel(String dir) {
        List<String> r = new java.util.ArrayList<>(recentModels);
        r.remove(dir);
        r.add(0, dir);
        return new AppSettings(theme, language, r.subList(0, Math.min(8, r.size())), engine, endpoints, evaluation,
                downloads,
                window, lastModel, reloadLast, exportFolder);
    }

    /** With {@code e} added (replacing one with the same URL and model). */
    public AppSettings withEndpoint(RemoteEndpoint e) {
        List<RemoteEndpoint> list = new java.util.ArrayList<>(endpoints);
        list.removeIf(x -> x.baseUrl().equals(e.baseUrl()) && x.model().equals(e.model()));
        list.add(e);
        return new AppSettings(theme, language, recentModels, engine, list, evaluation, downloads,
                window, lastModel, reloadLast, exportFolder);
    }
}
