package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The configuration columns (add, duplicate, remove, rename) and the named configuration sets saved with the app
 * settings. Every change is reported to a listener, which persists it.
 */
public final class ConfigurationsViewModel {

    private final ObservableList<ConfigurationViewModel> items = FXCollections.observableArrayList();
    private final ObservableList<String> setNames = FXCollections.observableArrayList();
    private final Map<String, List<SavedConfiguration>> sets = new LinkedHashMap<>();
    private final StringProperty problem = new SimpleStringProperty();
    private final Runnable changed;

    /**
     * @param columns the columns to start with (see {@link #defaults})
     * @param saved   the saved configuration sets
     * @param changed hears every change (to save the settings)
     */
    public ConfigurationsViewModel(List<SavedConfiguration> columns, Map<String, List<SavedConfiguration>> saved,
                                   Runnable changed) {
        this.changed = changed;
        sets.putAll(saved);
        setNames.setAll(sets.keySet());
        columns.forEach(c -> items.add(watch(new ConfigurationViewModel(c))));
    }

    /**
     * Two columns side by side: a replay of the article's recorded answers (when {@code articleAnswers} is given)
     * and the demo model on the in-process engine.
     */
    public static List<SavedConfiguration> defaults(Path articleAnswers) {
        List<SavedConfiguration> out = new ArrayList<>();
        if (articleAnswers != null) {
            out.add(new SavedConfiguration("article-answers", Map.of("backend", "replay:" + articleAnswers)));
        }
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("backend", "engine");
        demo.put("model", ConfigurationViewModel.DEMO);
        demo.put("device", "cpu");
        demo.put("dtype", "auto");
        demo.put("max_tokens", "256");
        out.add(new SavedConfiguration("demo", demo));
        return out;
    }

    /** The columns, left to right. */
    public ObservableList<ConfigurationViewModel> items() {
        return items;
    }

    /** Names of the saved configuration sets. */
    public ObservableList<String> setNames() {
        return setNames;
    }

    /** Why the last rename or set operation was refused, or null. */
    public StringProperty problemProperty() {
        return problem;
    }

    /** @return the saved sets (for the app settings) */
    public Map<String, List<SavedConfiguration>> sets() {
        return new LinkedHashMap<>(sets);
    }

    /** @return the columns as the app settings keep them */
    public List<SavedConfiguration> toSaved() {
        return items.stream().map(ConfigurationViewModel::toSaved).toList();
    }

    /**
     * @param demoModel the demo model's folder
     * @return the columns as run configurations, checked
     * @throws IllegalArgumentException one line naming the configuration and what is wrong
     */
    public List<RunConfig> runConfigs(Path demoModel) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("add a configuration first");
        }
        List<RunConfig> out = new ArrayList<>();
        for (ConfigurationViewModel c : items) {
            RunConfig rc = c.toRunConfig(demoModel);
            if (out.stream().anyMatch(o -> o.name().equals(rc.name()))) {
                throw new IllegalArgumentException("configuration '" + rc.name() + "': two columns have this name");
            }
            out.add(rc);
        }
        return out;
    }

    // Commands

    /** Adds a column: the demo model on the engine, greedy, under a new name. */
    public ConfigurationViewModel add() {
        SavedConfiguration d = defaults(null).get(0);
        return insert(items.size(), new SavedConfiguration(unique("config"), d.settings()));
    }

    /** Adds a copy of {@code c} right of it. */
    public ConfigurationViewModel duplicate(ConfigurationViewModel c) {
        SavedConfiguration s = c.toSaved();
        return insert(items.indexOf(c) + 1, new SavedConfiguration(unique(s.name() + "-copy"), s.settings()));
    }

    /** Removes a column. */
    public void remove(ConfigurationViewModel c) {
        if (items.remove(c)) {
            changed.run();
        }
    }

    /** Renames {@code c}, refusing a name RunConfig would refuse or one another column has. */
    public boolean rename(ConfigurationViewModel c, String name) {
        String n = name == null ? "" : name.strip();
        if (!n.matches("[\\w.+-]+")) {
            problem.set("configuration name '" + n + "': use letters, digits, '.', '_', '+' or '-'");
            return false;
        }
        if (items.stream().anyMatch(o -> o != c && n.equals(o.nameProperty().get()))) {
            problem.set("configuration name '" + n + "': another column has it");
            return false;
        }
        problem.set(null);
        c.nameProperty().set(n);
        return true;
    }

    /** Saves the columns as the set {@code name} (replacing one of that name). */
    public void saveSet(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            problem.set("a configuration set needs a name");
            return;
        }
        problem.set(null);
        sets.put(n, toSaved());
        setNames.setAll(sets.keySet());
        changed.run();
    }

    /** Replaces the columns with the saved set {@code name}. */
    public void loadSet(String name) {
        List<SavedConfiguration> s = sets.get(name);
        if (s != null && !s.isEmpty()) {
            items.setAll(s.stream().map(c -> watch(new ConfigurationViewModel(c))).toList());
            changed.run();
        }
    }

    /** Forgets the saved set {@code name}. */
    public void deleteSet(String name) {
        if (sets.remove(name) != null) {
            setNames.setAll(sets.keySet());
            changed.run();
        }
    }

    private ConfigurationViewModel insert(int at, SavedConfiguration s) {
        ConfigurationViewModel c = watch(new ConfigurationViewModel(s));
        items.add(Math.max(0, Math.min(at, items.size())), c);
        changed.run();
        return c;
    }

    private ConfigurationViewModel watch(ConfigurationViewModel c) {
        c.nameProperty().addListener((o, a, b) -> changed.run());
        c.extraProperty().addListener((o, a, b) -> changed.run());
        c.samplingProperty().addListener((o, a, b) -> changed.run());
        KnownSetting.ALL.forEach(k -> c.setting(k.key()).addListener((o, a, b) -> changed.run()));
        return c;
    }

    private String unique(String base) {
        String b = base.replaceAll("[^\\w.+-]", "_");
        String n = b;
        for (int i = 2; items.stream().anyMatch(c -> n.equals(c.nameProperty().get())); i++) {
            String candidate = b + "-" + i;
            if (items.stream().noneMatch(c -> candidate.equals(c.nameProperty().get()))) {
                return candidate;
            }
        }
        return n;
    }
}
