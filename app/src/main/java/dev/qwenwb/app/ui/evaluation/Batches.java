package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.Coalescer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands events from any thread to the UI thread in batches, with at most one hand-over pending (a
 * {@link Coalescer} of "there is more"): a burst of results becomes one update of the view, and none is lost.
 *
 * @param <T> the event type
 */
final class Batches<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Coalescer<Boolean> more;

    /** Events pushed here reach {@code sink} on {@code ui}, in order, in batches. */
    Batches(Executor ui, Consumer<List<T>> sink) {
        this.more = new Coalescer<>(ui, x -> {
            List<T> batch = new ArrayList<>();
            T t;
            while ((t = queue.poll()) != null) {
                batch.add(t);
            }
            if (!batch.isEmpty()) {
                sink.accept(batch);
            }
        });
    }

    /** Queues an event (any thread). */
    void push(T event) {
        queue.add(event);
        more.push(Boolean.TRUE);
    }
}
