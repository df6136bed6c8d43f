package dev.qwenwb.inference.generate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A generation in flight: cancel it (between tokens) or wait for it. */
public final class GenerationHandle {

    private final CompletableFuture<GenerationResult> future = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the model thread to stop after the current token; the result keeps the partial text. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public CompletableFuture<GenerationResult> future() {
        return future;
    }

    /**
     * Ends the generation: tells {@code listener} (its {@code onFinish}), then completes the future with the
     * result, or with the error — the generation's own, else one the listener threw.
     */
    public void finish(GenerationListener listener, GenerationResult result, Throwable error) {
        Throwable e = error;
        try {
            listener.onFinish(result, error);
        } catch (RuntimeException thrown) {
            e = e == null ? thrown : e;
        }
        if (e != null) {
            future.completeExceptionally(e);
        } else {
            future.complete(result);
        }
    }

    /** Waits for the result; a failure is rethrown as the unchecked exception the model thread raised. */
    public GenerationResult await() {
        try {
            return Futures.await(future);
        } catch (IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) {
                cancel();
            }
            throw e;
        }
    }
}
