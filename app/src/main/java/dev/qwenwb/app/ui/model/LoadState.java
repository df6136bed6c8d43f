package dev.qwenwb.app.ui.model;

/** Where the model stands, as the status bar shows it. */
public enum LoadState {
    NONE, LOADING, READY, FAILED
}
