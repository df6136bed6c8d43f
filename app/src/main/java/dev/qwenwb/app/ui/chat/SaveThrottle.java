package dev.qwenwb.app.ui.chat;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Saves a streaming reply at most once per interval: the first change after a save schedules the next save for
 * when the interval is up (on the UI executor), so a reply that stalls mid-stream is still saved with its newest
 * text. A crash then loses at most one interval of the reply.
 */
final class SaveThrottle {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "partial-reply-saves");
        t.setDaemon(true);
        return t;
    });

    private final Executor ui;
    private final long intervalMs;
    private long lastSaveMs;
    private boolean scheduled;
    private Runnable save;

    SaveThrottle(Executor ui, long intervalMs) {
        this.ui = ui;
        this.intervalMs = intervalMs;
    }

    /** Something changed: {@code save} runs once the interval since the last save is up (the newest one wins). */
    synchronized void changed(Runnable newSave) {
        save = newSave;
        if (!scheduled) {
            scheduled = true;
            long wait = Math.max(0, lastSaveMs + intervalMs - System.currentTimeMillis());
            TIMER.schedule(() -> ui.execute(this::flush), wait, TimeUnit.MILLISECONDS);
        }
    }

    /** A save just happened elsewhere (the reply started): the next one waits a whole interval. */
    synchronized void savedNow() {
        lastSaveMs = System.currentTimeMillis();
    }

    /** Drops a pending save (the finished reply is saved anyway). */
    synchronized void cancel() {
        save = null;
    }

    private void flush() {
        Runnable s;
        synchronized (this) {
            scheduled = false;
            s = save;
            save = null;
            if (s != null) {
                lastSaveMs = System.currentTimeMillis();
            }
        }
        if (s != null) {
            s.run();
        }
    }
}
