package dev.qwenwb.app.ui;

/** The window's main views, chosen in the toolbar's {@link ViewSwitcher}. */
public enum MainView {
    /** Conversations, chat and artifacts. */
    CHAT,
    /** Suites × configurations side by side, with latency charts and claims. */
    EVALUATION,
    /** Installed models and downloads. */
    MODELS
}
