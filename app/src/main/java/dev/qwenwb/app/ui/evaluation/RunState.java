package dev.qwenwb.app.ui.evaluation;

/** Where the evaluation view's run stands. */
public enum RunState {
    /** Nothing has run since the view opened (a finished run may be shown). */
    IDLE,
    /** A run is going. */
    RUNNING,
    /** Stop was pressed; the case in flight is being cancelled. */
    STOPPING,
    /** The run was stopped before the end; Resume finishes it. */
    STOPPED,
    /** Every case was answered. */
    FINISHED,
    /** The run failed (a model that did not load, a run folder of another run); the notice says why. */
    FAILED;

    /** @return whether a run is going (or still stopping) */
    public boolean busy() {
        return this == RUNNING || this == STOPPING;
    }
}
