package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.ResultRecord;

/** What a run in the background tells the view, in order. */
public sealed interface RunEvent {

    /** A configuration's backend is being opened (a model loads). */
    record Opening(String config, long atMs) implements RunEvent {
    }

    /** The run folder's description changed (a backend opened: its description and load time). */
    record Described(dev.qwenwb.evaluation.run.RunInfo info) implements RunEvent {
    }

    /** A case is being answered. */
    record Started(String config, String caseId, int repeat, long atMs) implements RunEvent {
    }

    /** A result was recorded (persisted before this event). */
    record Recorded(ResultRecord result, long atMs) implements RunEvent {
    }

    /**
     * The run ended.
     *
     * @param stopped it was stopped by the user before every case was answered
     * @param error   why it failed (one line), or null
     */
    record Ended(boolean stopped, String error) implements RunEvent {
    }
}
