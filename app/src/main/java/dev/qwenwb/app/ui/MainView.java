package dev.qwenwb.app.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The window's main views, chosen in the toolbar's {@link ViewSwitcher}. */
public enum MainView {
    /** Conversations, chat and artifacts. */
    CHAT(Feather.MESSAGE_SQUARE),
    /** Suites × configurations side by side, with latency charts and claims. */
    EVALUATION(Feather.BAR_CHART_2),
    /** Installed models and downloads. */
    MODELS(Feather.PACKAGE);

    private final Ikon icon;

    MainView(Ikon icon) {
        this.icon = icon;
    }

    /** Its icon in the view switcher and the View menu. */
    public Ikon icon() {
        return icon;
    }
}
