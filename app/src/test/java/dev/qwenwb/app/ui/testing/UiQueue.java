package dev.qwenwb.app.ui.testing;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The UI thread of a ViewModel test, made deterministic (JabRef's same-thread TaskExecutor idea): work posted from
 * the model's thread waits in a queue and runs on the test's thread while it waits, so the ViewModel is only ever
 * touched by one thread, as on the real FX thread.
 */
public final class UiQueue implements Executor {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs everything queued so far (and what that queues). */
    public void drain() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    /** Runs queued work until {@code condition} holds, failing after {@code seconds}. */
    public void until(String what, double seconds, BooleanSupplier condition) {
        Wait.until(what, seconds, () -> {
            drain();
            return condition.getAsBoolean();
        });
    }
}
