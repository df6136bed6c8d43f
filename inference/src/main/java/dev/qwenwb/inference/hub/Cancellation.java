package dev.qwenwb.inference.hub;

/** A flag the user sets to stop a download; partial files stay and the next download resumes them. */
public final class Cancellation {

    private final Cancellation parent;
    private volatile boolean cancelled;

    /** A flag not yet set. */
    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /** @return a flag that is set when this one is, and can also be set on its own (one failed file stops the rest) */
    Cancellation child() {
        return new Cancellation(this);
    }

    /** Asks every file of the download to stop at its next chunk. */
    public void cancel() {
        cancelled = true;
    }

    /** @return true once {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled || parent != null && parent.isCancelled();
    }

    /** @throws HubException CANCELLED if cancelled */
    void check() {
        if (isCancelled()) {
            throw new HubException(HubException.Kind.CANCELLED, "download cancelled; run it again to resume");
        }
    }

    /** Sleeps up to {@code millis}, returning early (by throwing) when cancelled. */
    void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            check();
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException(HubException.Kind.CANCELLED, "download interrupted; run it again to resume", e);
            }
        }
        check();
    }
}
