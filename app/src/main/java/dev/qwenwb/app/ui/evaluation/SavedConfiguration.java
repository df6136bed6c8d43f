package dev.qwenwb.app.ui.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration as the app settings keep it: a name and {@code key=value} settings (those of
 * {@link dev.qwenwb.evaluation.run.RunConfig}).
 *
 * @param name     the column name
 * @param settings backend, model, device, dtype, max_tokens, temperature, … in the order written
 */
public record SavedConfiguration(String name, Map<String, String> settings) {

    /** Copies the settings, keeping their order. */
    public SavedConfiguration {
        name = name == null ? "" : name;
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
