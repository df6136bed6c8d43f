package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.GeneratorBackend;
import dev.qwenwb.evaluation.run.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One configuration column: a name and {@link dev.qwenwb.evaluation.run.RunConfig} settings — one property per
 * {@link KnownSetting}, the rest as {@code key=value} lines — and whether it samples or decodes greedily.
 */
public final class ConfigurationViewModel {

    /** The model value that stands for the built-in demo model (random weights), written on first use. */
    public static final String DEMO = "demo";

    private final StringProperty name = new SimpleStringProperty();
    private final Map<String, StringProperty> known = new LinkedHashMap<>();
    private final StringProperty extra = new SimpleStringProperty("");
    private final BooleanProperty sampling = new SimpleBooleanProperty();

    /** A configuration with {@code settings} (unknown keys go to the extra lines). */
    public ConfigurationViewModel(SavedConfiguration saved) {
        for (KnownSetting s : KnownSetting.ALL) {
            known.put(s.key(), new SimpleStringProperty(""));
        }
        name.set(saved.name());
        StringBuilder more = new StringBuilder();
        saved.settings().forEach((k, v) -> {
            if (known.containsKey(k)) {
                known.get(k).set(v);
            } else {
                more.append(k).append('=').append(v).append('\n');
            }
        });
        extra.set(more.toString().strip());
        sampling.set(parsesPositive(setting("temperature").get()));
        sampling.addListener((o, a, b) -> {
            if (b && !parsesPositive(setting("temperature").get())) {
                setting("temperature").set("0.7");
            }
        });
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** @return the property of a known setting ("" = not set) */
    public StringProperty setting(String key) {
        StringProperty p = known.get(key);
        if (p == null) {
            throw new IllegalArgumentException("not a known setting: " + key);
        }
        return p;
    }

    /** Other settings, one {@code key=value} per line. */
    public StringProperty extraProperty() {
        return extra;
    }

    /** Sampling (temperature, top-p, top-k) rather than greedy decoding. */
    public BooleanProperty samplingProperty() {
        return sampling;
    }

    /** @return {@code engine}, {@code replay}, or the part of the backend before ':' ({@code openai}, …) */
    public static String kind(String backend) {
        String b = backend == null || backend.isBlank() ? "engine" : backend.strip();
        int colon = b.indexOf(':');
        return (colon < 0 ? b : b.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** @return this configuration's backend kind */
    public String kind() {
        return kind(setting("backend").get());
    }

    /**
     * The settings as written, without those that do not apply (engine keys on a replay, sampling when greedy).
     *
     * @throws IllegalArgumentException for an extra line that is not {@code key=value}
     */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        String kind = kind();
        for (KnownSetting k : KnownSetting.ALL) {
            String v = setting(k.key()).get();
            if (v != null && !v.isBlank() && k.appliesTo(kind, sampling.get())) {
                s.put(k.key(), v.strip());
            }
        }
        for (String line : extra.get() == null ? new String[0] : extra.get().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("configuration '" + name.get() + "': '" + line.strip()
                        + "' is not key=value");
            }
            s.put(line.substring(0, eq).strip().replace('-', '_'), line.substring(eq + 1).strip());
        }
        return s;
    }

    /** @return this configuration as the app settings keep it (what does not parse is kept as written) */
    public SavedConfiguration toSaved() {
        Map<String, String> s = new LinkedHashMap<>();
        known.forEach((k, p) -> {
            if (p.get() != null && !p.get().isBlank()) {
                s.put(k, p.get());
            }
        });
        if (!sampling.get()) {
            s.remove("temperature");
        }
        for (String line : extra.get() == null ? new String[0] : extra.get().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                s.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new SavedConfiguration(name.get(), s);
    }

    /**
     * The configuration to run, checked: numbers parse, the engine's device/dtype/context/threads are valid, the
     * engine has a model, a JSON response format's schema is one the decoding grammar takes, a replay file exists. {@value #DEMO} becomes {@code demoModel}.
     *
     * @param demoModel the demo model's folder
     * @return the run configuration
     * @throws IllegalArgumentException one line naming the configuration and the setting
     */
    public RunConfig toRunConfig(Path demoModel) {
        Map<String, String> s = settings();
        s.putIfAbsent("backend", "engine");
        if (DEMO.equals(s.get("model")) && kind().equals("engine")) {
            s.put("model", demoModel.toString());
        }
        RunConfig c = new RunConfig(name.get() == null ? "" : name.get().strip(), s);
        for (String k : KnownSetting.INTEGERS) {
            c.intValue(k, 0);
        }
        for (String k : KnownSetting.DECIMALS) {
            c.doubleValue(k, 0);
        }
        String kind = kind();
        if (kind.equals("engine")) {
            if (!s.containsKey("model")) {
                throw new IllegalArgumentException(c.where("model") + ": give a model folder or " + DEMO);
            }
            GeneratorBackend.engineOptions(c);
        }
        if (!kind.equals("replay")) {
            GeneratorBackend.responseFormat(c); // a schema the grammar cannot take: one line naming json_schema
        }
        if (kind.equals("replay")) {
            Path file = Path.of(c.backend().substring("replay:".length()).strip());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(c.where("backend") + ": replay file " + file + " not found");
            }
        }
        return c;
    }

    private static boolean parsesPositive(String v) {
        try {
            return v != null && Double.parseDouble(v.strip()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
