package dev.qwenwb.app.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the window was when it closed, kept in the app settings so that it opens there again.
 *
 * @param x         left edge on the virtual screen
 * @param y         top edge
 * @param width     width; 0 or less: never saved (the default size for the screen is used)
 * @param height    height
 * @param maximized whether it was maximized
 * @param view      the main view shown ({@link MainView}'s name), or null
 * @param dividers  divider positions of the window's split panes by name (see {@link dev.qwenwb.app.ui.common.Dividers})
 */
public record WindowSettings(double x, double y, double width, double height, boolean maximized, String view,
                             Map<String, List<Double>> dividers) {

    /** Copies the dividers; a missing map is empty. */
    public WindowSettings {
        Map<String, List<Double>> d = new LinkedHashMap<>();
        if (dividers != null) {
            dividers.forEach((k, v) -> d.put(k, List.copyOf(v)));
        }
        dividers = java.util.Collections.unmodifiableMap(d);
    }

    /** Nothing saved yet. */
    public static WindowSettings none() {
        return new WindowSettings(0, 0, 0, 0, false, null, Map.of());
    }

    /** Whether a size was saved. */
    public boolean sized() {
        return width > 0 && height > 0;
    }

    /** The saved view, or {@code fallback} when none or unknown. */
    public MainView mainView(MainView fallback) {
        for (MainView v : MainView.values()) {
            if (v.name().equals(view)) {
                return v;
            }
        }
        return fallback;
    }
}
