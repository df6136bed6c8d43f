package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Earlier runs: the run folders under the app's data folder and those the user opened (made by
 * {@code ./workbench eval --out DIR}), newest first; two of them compared.
 */
public final class HistoryViewModel {

    private final Executor ui;
    private final Executor background;
    private final Path runsDir;
    private final Supplier<List<Path>> opened;
    private final Predicate<Path> busy;
    private final ObservableList<RunEntry> runs = FXCollections.observableArrayList();
    private final ObjectProperty<ComparisonRows> comparison = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty();

    /**
     * @param runsDir where the window's runs go
     * @param opened  run folders opened from elsewhere
     * @param busy    whether a folder is being written by the window's own run now (it is then not read here)
     */
    HistoryViewModel(Executor ui, Executor background, Path runsDir, Supplier<List<Path>> opened,
                     Predicate<Path> busy) {
        this.ui = ui;
        this.background = background;
        this.runsDir = runsDir;
        this.opened = opened;
        this.busy = busy;
    }

    /** The runs, newest first. */
    public ObservableList<RunEntry> runs() {
        return runs;
    }

    /** The last comparison, or null. */
    public ObjectProperty<ComparisonRows> comparisonProperty() {
        return comparison;
    }

    /** Why the last comparison failed, or null. */
    public StringProperty problemProperty() {
        return problem;
    }

    // Commands

    /** Lists the run folders again (off the UI thread). */
    public void refresh() {
        List<Path> extra = opened.get();
        background.execute(() -> {
            Set<Path> dirs = new LinkedHashSet<>();
            if (Files.isDirectory(runsDir)) {
                try (Stream<Path> s = Files.list(runsDir)) {
                    s.filter(RunEntry::isRun).map(p -> p.toAbsolutePath().normalize()).forEach(dirs::add);
                } catch (IOException e) {
                    // an unreadable runs folder lists nothing
                }
            }
            extra.stream().map(p -> p.toAbsolutePath().normalize()).filter(RunEntry::isRun).forEach(dirs::add);
            List<RunEntry> entries = new ArrayList<>();
            for (Path d : dirs) {
                if (!busy.test(d)) {
                    entries.add(RunEntry.read(d));
                }
            }
            entries.sort(Comparator.comparing(RunEntry::started).reversed());
            ui.execute(() -> mergeKeepingBusy(entries));
        });
    }

    /** Puts or replaces the entry of one run (the window's own, as it goes). */
    void put(RunEntry e) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).dir().equals(e.dir())) {
                runs.set(i, e);
                return;
            }
        }
        runs.add(0, e);
    }

    /** Compares two runs (the earlier one first), off the UI thread; the result lands in {@link #comparisonProperty}. */
    public void compare(RunEntry a, RunEntry b) {
        if (a == null || b == null || a.dir().equals(b.dir())) {
            problem.set(I18n.t("eval.compare.same"));
            return;
        }
        RunEntry before = a.started().compareTo(b.started()) <= 0 ? a : b;
        RunEntry after = before == a ? b : a;
        background.execute(() -> {
            try {
                RunSummary x = Reports.load(new RunStore(before.dir()));
                RunSummary y = Reports.load(new RunStore(after.dir()));
                ComparisonRows rows = ComparisonRows.of(before.dir(), x, after.dir(), y);
                ui.execute(() -> {
                    problem.set(rows.pairs().isEmpty() ? I18n.t("eval.compare.noShared") : null);
                    comparison.set(rows);
                });
            } catch (RuntimeException e) {
                String m = I18n.t("eval.compare.failed", ChatErrors.describe(e));
                ui.execute(() -> problem.set(m));
            }
        });
    }

    private void mergeKeepingBusy(List<RunEntry> entries) {
        List<RunEntry> keep = runs.stream().filter(e -> busy.test(e.dir())).toList();
        List<RunEntry> all = new ArrayList<>(keep);
        all.addAll(entries);
        all.sort(Comparator.comparing(RunEntry::started).reversed());
        runs.setAll(all);
    }
}
