package dev.qwenwb.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Applies the theme setting: "light" or "dark" as they are, "system" (the default) as the OS says, asked off the
 * FX thread (light until it answers; the last answer in the meantime) and asked again when the window comes to the
 * front, so a change of the OS's appearance follows at the next switch back to the app.
 */
public final class ThemeController {

    private static final Executor PROBES = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "os-theme");
        t.setDaemon(true);
        return t;
    });

    private final OsTheme os;
    private final Executor ui;
    private final Supplier<String> setting;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private Boolean osDark;
    private boolean asking;

    /**
     * @param os      what the OS is set to
     * @param ui      runs on the FX thread
     * @param setting the theme setting now: "system", "light" or "dark"
     */
    ThemeController(OsTheme os, Executor ui, Supplier<String> setting) {
        this.os = os;
        this.ui = ui;
        this.setting = setting;
    }

    /** Whether the dark theme is applied now. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Applies the setting now (FX thread); for "system", asks the OS again. */
    void apply() {
        String s = setting.get();
        if (!"system".equals(s)) {
            use("dark".equals(s));
            return;
        }
        use(osDark != null && osDark);
        if (!asking) {
            asking = true;
            PROBES.execute(() -> {
                boolean d = os.dark();
                ui.execute(() -> {
                    asking = false;
                    osDark = d;
                    if ("system".equals(setting.get())) {
                        use(d);
                    }
                });
            });
        }
    }

    private void use(boolean d) {
        dark.set(d);
        String sheet = d ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!sheet.equals(Application.getUserAgentStylesheet())) { // a restyle of every window: only on a change
            Application.setUserAgentStylesheet(sheet);
        }
    }
}
