package dev.qwenwb.app.ui.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation view keeps in the app settings: the configurations being edited, named configuration sets
 * to reuse, the last suite and repeats, and run folders the user opened from elsewhere.
 *
 * @param configurations the columns being edited
 * @param sets           saved configuration sets by name
 * @param suite          the last suite file, or null for the article's
 * @param repeats        answers per case and configuration
 * @param openedRuns     run folders opened from outside the data folder, newest first
 */
public record EvaluationSettings(List<SavedConfiguration> configurations, Map<String, List<SavedConfiguration>> sets,
                                 String suite, int repeats, List<String> openedRuns) {

    /** Copies the collections; a missing value is its default. */
    public EvaluationSettings {
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
        Map<String, List<SavedConfiguration>> s = new LinkedHashMap<>();
        if (sets != null) {
            sets.forEach((k, v) -> s.put(k, List.copyOf(v)));
        }
        sets = java.util.Collections.unmodifiableMap(s);
        repeats = Math.max(1, repeats);
        openedRuns = openedRuns == null ? List.of() : List.copyOf(openedRuns);
    }

    /** No configurations yet (the view offers its defaults), the article's suite, one repeat. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(List.of(), Map.of(), null, 1, List.of());
    }

    public EvaluationSettings withConfigurations(List<SavedConfiguration> c) {
        return new EvaluationSettings(c, sets, suite, repeats, openedRuns);
    }

    public EvaluationSettings withSets(Map<String, List<SavedConfiguration>> s) {
        return new EvaluationSettings(configurations, s, suite, repeats, openedRuns);
    }

    public EvaluationSettings withSuite(String file) {
        return new EvaluationSettings(configurations, sets, file, repeats, openedRuns);
    }

    public EvaluationSettings withRepeats(int n) {
        return new EvaluationSettings(configurations, sets, suite, n, openedRuns);
    }

    /** With {@code dir} first among the opened runs (at most 20). */
    public EvaluationSettings withOpenedRun(String dir) {
        List<String> r = new java.util.ArrayList<>(openedRuns);
        r.remove(dir);
        r.add(0, dir);
        return new EvaluationSettings(configurations, sets, suite, repeats, r.subList(0, Math.min(20, r.size())));
    }
}
