package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.report.ConfigSummary;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.evaluation.run.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder in the history: when it started, its suite, configurations and pass rates, and whether every case
 * was answered.
 *
 * @param dir       the run folder
 * @param started   ISO time the run first started
 * @param suite     the suite's name
 * @param passRates configuration → pass rate (NaN: nothing scored yet), in run order
 * @param results   results recorded
 * @param expected  cases × configurations × repeats
 * @param problem   why the folder could not be read (one line), or null
 */
public record RunEntry(Path dir, String started, String suite, Map<String, Double> passRates, int results,
                       int expected, String problem) {

    /** Copies the pass rates. */
    public RunEntry {
        passRates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passRates));
    }

    /** @return the configuration names */
    public List<String> configs() {
        return List.copyOf(passRates.keySet());
    }

    /** @return whether every case × configuration × repeat has a result */
    public boolean complete() {
        return problem == null && results >= expected;
    }

    /** @return whether {@code dir} holds a run ({@code run.json}) */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunStore.INFO));
    }

    /** Reads a run folder (never throws: a broken folder is an entry with a problem). */
    public static RunEntry read(Path dir) {
        if (!isRun(dir)) {
            return new RunEntry(dir, "", "", Map.of(), 0, 0, dir + ": " + I18n.t("eval.notARun", RunStore.INFO));
        }
        try {
            RunSummary s = Reports.load(new RunStore(dir));
            return of(dir, s);
        } catch (RuntimeException e) {
            return new RunEntry(dir, "", "", Map.of(), 0, 0, I18n.t("eval.history.unreadable", ChatErrors.describe(e)));
        }
    }

    /** @return the entry of a loaded run */
    public static RunEntry of(Path dir, RunSummary s) {
        RunInfo info = s.info();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (ConfigSummary c : s.configs()) {
            rates.put(c.name(), c.passRate());
        }
        return new RunEntry(dir, info.started(), info.suiteName(), rates, s.results().size(),
                info.caseTitles().size() * info.configs().size() * info.repeats(), null);
    }
}
