package dev.qwenwb.app.ui.models;

/** Where one queued download stands. */
public enum DownloadState {
    /** Waiting for the downloads before it. */
    QUEUED,
    /** Fetching or verifying. */
    RUNNING,
    /** Stopped by the user; partial files are kept and Resume continues them. */
    CANCELLED,
    /** Stopped by an error (the message says which); Resume tries again from where it stopped. */
    FAILED,
    /** Complete and verified. */
    DONE;

    /** @return true if Resume makes sense */
    public boolean resumable() {
        return this == CANCELLED || this == FAILED;
    }

    /** @return true while it may still change by itself */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
