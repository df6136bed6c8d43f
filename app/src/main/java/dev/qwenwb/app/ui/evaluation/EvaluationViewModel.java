package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The evaluation view: a suite × configurations run on the evaluation engine, shown as it goes — progress per
 * configuration, the grid, the charts, the summary and the claims — and earlier runs to open, compare and export.
 * The run happens on a background executor; its events reach this model on the UI executor in batches. Results
 * are persisted by the engine's run folder as they arrive, so a crash loses at most the case in flight and
 * {@link #resume()} finishes the run.
 */
public final class EvaluationViewModel {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "evaluation-settings-saves");
        t.setDaemon(true);
        return t;
    });
    private static final long SAVE_DELAY_MS = 400;
    /** Status lines while a run starts: until its first case is being answered. */
    private static final String STARTING = "eval.status.starting";
    private static final String WRITING_DEMO = "eval.status.writingDemo";
    private static final String OPENING = "eval.status.opening";
    private static final java.util.Set<String> DESCRIBED_KEYS = java.util.Set.of("description", "load_ms");

    private final Executor ui;
    private final Executor background;
    private final EvaluationEnvironment env;
    private final Consumer<EvaluationSettings> saver;
    private final ChatHandoff handoff;
    private final SuiteViewModel suite;
    private final ConfigurationsViewModel configurations;
    private final HistoryViewModel history;
    private final GridViewModel grid = new GridViewModel();
    private final ChartsViewModel charts = new ChartsViewModel();
    private String statusKey;
    private Object[] statusArgs = new Object[0];
    private final ObservableList<RunProgressViewModel> progress = FXCollections.observableArrayList();
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final ObservableList<ClaimRow> claims = FXCollections.observableArrayList();
    private final ObservableList<ResultRecord> results = FXCollections.observableArrayList();
    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(RunState.IDLE);
    private final StringProperty notice = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty();
    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
    private final ObjectProperty<RunInfo> info = new SimpleObjectProperty<>();
    private final IntegerProperty repeats = new SimpleIntegerProperty(1);
    private final BooleanProperty canResume = new SimpleBooleanProperty();
    private final Batches<RunEvent> events;
    private EvaluationSettings settings;
    private Suite shownSuite;
    private volatile RunTask task;
    private volatile boolean stopRequested;
    private String inFlightKey;
    private boolean savePending;

    /**
     * @param ui         runs UI updates ({@code Platform::runLater}; a queue in tests)
     * @param background runs the evaluation and reads run folders
     * @param env        folders and backends
     * @param initial    the saved evaluation settings
     * @param saver      keeps changed settings (with the app settings)
     * @param handoff    opens an answer in the chat
     */
    public EvaluationViewModel(Executor ui, Executor background, EvaluationEnvironment env, EvaluationSettings initial,
                               Consumer<EvaluationSettings> saver, ChatHandoff handoff) {
        this.ui = ui;
        this.background = background;
        this.env = env;
        this.saver = saver;
        this.handoff = handoff;
        this.settings = initial;
        this.events = new Batches<>(ui, this::apply);
        Path suites = BuiltInSuites.install(env.suites());
        this.suite = new SuiteViewModel(ui, background, BuiltInSuites.choices(suites));
        List<SavedConfiguration> columns = initial.configurations().isEmpty()
                ? ConfigurationsViewModel.defaults(suites.resolve(BuiltInSuites.ARTICLE_ANSWERS))
                : initial.configurations();
        this.configurations = new ConfigurationsViewModel(columns, initial.sets(), this::scheduleSave);
        this.history = new HistoryViewModel(ui, background, env.runs(),
                () -> settings.openedRuns().stream().map(Path::of).toList(),
                dir -> state.get().busy() && dir.equals(runDir.get()));
        repeats.set(initial.repeats());
        repeats.addListener((o, a, b) -> scheduleSave());
        state.addListener((o, a, b) -> updateCanResume());
        results.addListener((javafx.collections.ListChangeListener<ResultRecord>) c -> updateCanResume());
        suite.choose(initial.suite() != null ? Path.of(initial.suite()) : suite.choices().get(0).file());
        history.refresh();
    }

    public SuiteViewModel suite() {
        return suite;
    }

    public ConfigurationsViewModel configurations() {
        return configurations;
    }

    public HistoryViewModel history() {
        return history;
    }

    public GridViewModel grid() {
        return grid;
    }

    public ChartsViewModel charts() {
        return charts;
    }

    /** One per configuration of the shown run. */
    public ObservableList<RunProgressViewModel> progress() {
        return progress;
    }

    /** The summary table of the shown run. */
    public ObservableList<SummaryRow> summary() {
        return summary;
    }

    /** Claimed vs measured of the shown run (empty for a suite without claims). */
    public ObservableList<ClaimRow> claims() {
        return claims;
    }

    /** The shown run's results, in arrival order. */
    public ObservableList<ResultRecord> results() {
        return results;
    }

    public ObjectProperty<RunState> stateProperty() {
        return state;
    }

    /** What went wrong last (one line), or null. */
    public StringProperty noticeProperty() {
        return notice;
    }

    /** What just happened (exported, opened), or null. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The shown run's folder, or null. */
    public ObjectProperty<Path> runDirProperty() {
        return runDir;
    }

    /** The shown run's description, or null. */
    public ObjectProperty<RunInfo> infoProperty() {
        return info;
    }

    /** Answers per case and configuration for the next run (pass@k with more than one). */
    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    /** The shown run is unfinished and no run is going. */
    public BooleanProperty canResumeProperty() {
        return canResume;
    }

    // Commands

    /** Chooses a suite file (a built-in one or the user's). */
    public void chooseSuite(Path file) {
        suite.choose(file.toAbsolutePath().normalize());
        scheduleSave();
    }

    /** Runs the chosen suite over the configurations into a new run folder. */
    public void run() {
        if (state.get().busy()) {
            return;
        }
        Suite s = suite.suiteProperty().get();
        if (s == null) {
            notice.set(suite.errorProperty().get() != null ? suite.errorProperty().get() : I18n.t("eval.noSuite"));
            return;
        }
        List<RunConfig> configs;
        try {
            configs = configurations.runConfigs(env.demoModel());
        } catch (IllegalArgumentException e) {
            notice.set(I18n.t("eval.badConfig", e.getMessage()));
            return;
        }
        saveNow();
        start(newRunDir(s.name()), s, configs, Math.max(1, repeats.get()), true);
    }

    /** Finishes the shown run: its suite and configurations as its folder records them; done results are kept. */
    public void resume() {
        Path dir = runDir.get();
        RunInfo i = info.get();
        if (state.get().busy() || dir == null || i == null) {
            return;
        }
        List<RunConfig> configs = new ArrayList<>();
        i.configs().forEach((name, settingsOf) -> {
            Map<String, String> s = new LinkedHashMap<>(settingsOf);
            s.keySet().removeAll(DESCRIBED_KEYS);
            configs.add(new RunConfig(name, s));
        });
        Suite s = shownSuite;
        if (s == null) {
            try {
                s = new SuiteLoader(CheckRegistry.standard()).load(Path.of(i.suiteSource()));
            } catch (RuntimeException e) {
                notice.set(I18n.t("eval.cannotResume", ChatErrors.describe(e)));
                return;
            }
        }
        start(dir, s, configs, i.repeats(), false);
    }

    /** Stops the run after the case in flight (cancelled, not recorded); Resume finishes it. */
    public void stop() {
        if (!state.get().busy()) {
            return;
        }
        state.set(RunState.STOPPING);
        stopRequested = true;
        RunTask t = task;
        if (t != null) {
            t.stop();
        }
    }

    /** Shows a run folder (the window's or one made by {@code ./workbench eval --out DIR}). */
    public void openRun(Path folder) {
        if (state.get().busy()) {
            notice.set(I18n.t("eval.busy"));
            return;
        }
        Path dir = folder.toAbsolutePath().normalize();
        if (!RunEntry.isRun(dir)) {
            notice.set(dir + ": " + I18n.t("eval.notARun", RunStore.INFO));
            return;
        }
        notice.set(null);
        background.execute(() -> {
            try {
                RunStore store = new RunStore(dir);
                RunInfo i = store.readInfo().orElseThrow();
                List<ResultRecord> rs = store.readResults();
                Suite s = loadQuietly(i.suiteSource());
                ui.execute(() -> {
                    show(dir, i, rs, s);
                    state.set(RunState.IDLE);
                    say("eval.opened", dir);
                    if (!dir.startsWith(env.runs().toAbsolutePath().normalize())) {
                        settings = settings.withOpenedRun(dir.toString());
                        saveNow();
                        history.refresh();
                    }
                });
            } catch (RuntimeException e) {
                String m = I18n.t("eval.openFailed", dir, ChatErrors.describe(e));
                ui.execute(() -> notice.set(m));
            }
        });
    }

    /** @return the detail of a cell with results, or null for an empty cell */
    public CellDetailViewModel open(Cell cell) {
        if (cell == null || cell.results().isEmpty() || info.get() == null) {
            return null;
        }
        EvalCase c = shownSuite == null ? null : shownSuite.find(cell.caseId()).orElse(null);
        return new CellDetailViewModel(cell, info.get().caseTitles().getOrDefault(cell.caseId(), cell.caseId()), c,
                handoff);
    }

    /** Draws the per-token latency of this case (null: the first with timings). */
    public void selectCase(String caseId) {
        charts.selectedCaseProperty().set(caseId);
    }

    /** Writes the shown run's report in {@code format} to {@code target} (atomically). */
    public void export(ExportFormat format, Path target) {
        if (info.get() == null) {
            notice.set(I18n.t("eval.noRun"));
            return;
        }
        try {
            FileTrees.writeAtomically(target, format.render(RunSummary.of(info.get(), results)));
            notice.set(null);
            say("eval.exported", target);
        } catch (RuntimeException e) {
            notice.set(I18n.t("eval.exportFailed", target, ChatErrors.describe(e)));
        }
    }

    /** Moves the clocks of the running configurations on (the view calls it every second). */
    public void tick() {
        long now = env.clockMs().getAsLong();
        progress.forEach(p -> p.tick(now));
    }

    /** Saves the settings now (the window closes). */
    public void saveNow() {
        savePending = false;
        settings = settings.withConfigurations(configurations.toSaved()).withSets(configurations.sets())
                .withRepeats(Math.max(1, repeats.get()))
                .withSuite(suite.fileProperty().get() == null ? null : suite.fileProperty().get().toString());
        saver.accept(settings);
    }

    // the run

    /**
     * Starts a run: the started state is shown at once, from this thread (the new run's cases queued in the grid,
     * each configuration's progress queued, "Starting…"); the slow part — writing the demo model on first use,
     * reading the folder, opening backends — goes on in the background and reports as it goes.
     *
     * @param fresh a new run folder (nothing to read back from it); else a resumed run, already shown
     */
    private void start(Path dir, Suite s, List<RunConfig> configs, int n, boolean fresh) {
        state.set(RunState.RUNNING);
        notice.set(null);
        stopRequested = false;
        if (fresh) {
            show(dir, RunInfo.of(s, configs, n, Instant.now().toString()), List.of(), s);
        }
        progress.forEach(RunProgressViewModel::queued);
        say(STARTING);
        Runner.Options options = new Runner.Options(n, env.warmup(), env.jobs());
        background.execute(() -> {
            RunTask t;
            try {
                ensureDemoModel(configs);
                RunStore store = new RunStore(dir);
                RunInfo old = store.readInfo().orElse(null);
                List<ResultRecord> existing = store.readResults();
                RunInfo shown = old != null ? old : RunInfo.of(s, configs, n, Instant.now().toString());
                t = new RunTask(s, configs, options, store, env.backends(), events::push, env.clockMs());
                if (!fresh) {
                    ui.execute(() -> {
                        show(dir, shown, existing, s);
                        progress.forEach(RunProgressViewModel::queued);
                    });
                }
            } catch (IOException | RuntimeException e) {
                String m = I18n.t("eval.runFailed", ChatErrors.describe(e));
                ui.execute(() -> {
                    state.set(RunState.FAILED);
                    progress.forEach(p -> p.finish(env.clockMs().getAsLong()));
                    unsayRunStatus();
                    notice.set(m);
                    history.refresh(); // the new run shown at once has no folder: the history forgets it
                });
                return;
            }
            task = t;
            if (stopRequested) {
                t.stop();
            }
            t.run();
        });
    }

    private void apply(List<RunEvent> batch) {
        List<ResultRecord> added = new ArrayList<>();
        boolean describedChanged = false;
        for (RunEvent e : batch) {
            if (e instanceof RunEvent.Opening o) {
                progressOf(o.config()).opening(o.atMs());
                say(OPENING, o.config());
            } else if (e instanceof RunEvent.Described d) {
                info.set(d.info());
                describedChanged = true;
            } else if (e instanceof RunEvent.Started s) {
                progressOf(s.config()).started(s.caseId(), s.atMs());
                unsayRunStatus();
                inFlightKey = ResultRecord.key(s.config(), s.caseId(), s.repeat());
                grid.inFlight(s.config(), s.caseId());
            } else if (e instanceof RunEvent.Recorded r) {
                ResultRecord rec = r.result();
                added.add(rec);
                results.add(rec);
                progressOf(rec.config()).recorded(r.atMs());
                if (rec.key().equals(inFlightKey)) {
                    inFlightKey = null;
                    grid.inFlight(null, null);
                }
            } else if (e instanceof RunEvent.Ended end) {
                if (!added.isEmpty()) {
                    grid.add(added);
                    added.clear();
                }
                ended(end);
            }
        }
        if (!added.isEmpty()) {
            grid.add(added);
        }
        if (!added.isEmpty() || describedChanged) {
            refreshDerived();
        }
    }

    private void ended(RunEvent.Ended end) {
        task = null;
        unsayRunStatus();
        inFlightKey = null;
        grid.inFlight(null, null);
        long now = env.clockMs().getAsLong();
        progress.forEach(p -> p.finish(now));
        RunInfo i = info.get();
        boolean complete = i != null && results.size() >= expected(i);
        state.set(end.error() != null ? RunState.FAILED : complete ? RunState.FINISHED : RunState.STOPPED);
        notice.set(end.error() == null ? null : I18n.t("eval.runFailed", end.error()));
        refreshDerived();
        history.refresh();
    }

    private void show(Path dir, RunInfo i, List<ResultRecord> rs, Suite s) {
        runDir.set(dir);
        info.set(i);
        shownSuite = s;
        inFlightKey = null;
        results.setAll(rs);
        grid.reset(i, rs);
        List<RunProgressViewModel> ps = new ArrayList<>();
        int perConfig = i.caseTitles().size() * i.repeats();
        for (String c : i.configs().keySet()) {
            int done = (int) rs.stream().filter(r -> r.config().equals(c)).count();
            ps.add(new RunProgressViewModel(c, done, perConfig));
        }
        progress.setAll(ps);
        refreshDerived();
    }

    /** Builds the texts made here (claims' conditions, chart series) again in the language now in use. */
    public void relocalize() {
        refreshDerived();
        if (statusKey != null && status.get() != null) {
            status.set(I18n.t(statusKey, statusArgs));
        }
    }

    /** Clears the status line if it tells how the run starts (it has started, or ended). */
    private void unsayRunStatus() {
        if (STARTING.equals(statusKey) || WRITING_DEMO.equals(statusKey) || OPENING.equals(statusKey)) {
            statusKey = null;
            status.set(null);
        }
    }

    /** Shows status message {@code key} (kept so that a language switch can write it again). */
    private void say(String key, Object... args) {
        statusKey = key;
        statusArgs = args;
        status.set(I18n.t(key, args));
    }

    private void refreshDerived() {
        RunInfo i = info.get();
        if (i == null) {
            return;
        }
        RunSummary s = RunSummary.of(i, results);
        summary.setAll(SummaryRow.of(s));
        claims.setAll(ClaimConditions.rows(s));
        charts.update(i, results);
        if (runDir.get() != null) {
            history.put(RunEntry.of(runDir.get(), s));
        }
        updateCanResume();
    }

    private RunProgressViewModel progressOf(String config) {
        for (RunProgressViewModel p : progress) {
            if (p.name().equals(config)) {
                return p;
            }
        }
        RunInfo i = info.get();
        RunProgressViewModel p = new RunProgressViewModel(config, 0, i == null ? 0 : i.caseTitles().size() * i.repeats());
        progress.add(p);
        return p;
    }

    private void updateCanResume() {
        RunInfo i = info.get();
        canResume.set(!state.get().busy() && runDir.get() != null && i != null && results.size() < expected(i));
    }

    private static int expected(RunInfo i) {
        return i.caseTitles().size() * i.configs().size() * i.repeats();
    }

    private Path newRunDir(String suiteName) {
        String base = suiteName.replaceAll("[^\\w.+-]", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runs = env.runs().toAbsolutePath().normalize();
        Path dir = runs.resolve(base);
        for (int k = 2; Files.exists(dir); k++) {
            dir = runs.resolve(base + "-" + k);
        }
        return dir;
    }

    private void ensureDemoModel(List<RunConfig> configs) throws IOException {
        Path demo = env.demoModel().toString().isEmpty() ? null : env.demoModel();
        for (RunConfig c : configs) {
            if (demo != null && demo.toString().equals(c.get("model", null))) {
                if (!DemoModel.isWritten(demo)) {
                    ui.execute(() -> say(WRITING_DEMO));
                }
                DemoModel.ensure(demo);
            }
        }
    }

    private static Suite loadQuietly(String file) {
        try {
            return file == null || file.isBlank() ? null : new SuiteLoader(CheckRegistry.standard()).load(Path.of(file));
        } catch (RuntimeException e) {
            return null; // the grid still shows the run; prompts fall back to "not at hand"
        }
    }

    private void scheduleSave() {
        if (!savePending) {
            savePending = true;
            TIMER.schedule(() -> ui.execute(() -> {
                if (savePending) {
                    saveNow();
                }
            }), SAVE_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }
}
