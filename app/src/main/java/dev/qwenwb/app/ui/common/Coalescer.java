package dev.qwenwb.app.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Streams values from any thread into the UI thread with at most one pending hand-over: a fast producer
 * replaces the pending value instead of queueing another {@code runLater} (the shape of {@code Task.updateValue}).
 *
 * @param <T> the value type
 */
public final class Coalescer<T> {

    private final AtomicReference<T> pending = new AtomicReference<>();
    private final Executor ui;
    private final Consumer<T> sink;

    /** Values pushed here reach {@code sink} on {@code ui}, newest wins. */
    public Coalescer(Executor ui, Consumer<T> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    /** Offers the newest value (any thread). */
    public void push(T value) {
        if (pending.getAndSet(value) == null) {
            ui.execute(() -> {
                T v = pending.getAndSet(null);
                if (v != null) {
                    sink.accept(v);
                }
            });
        }
    }
}
