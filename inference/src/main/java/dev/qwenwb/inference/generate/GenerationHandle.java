package dev.qwenwb.inference.generate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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

    /** Waits for the result; a failure is rethrown as the unchecked exception the model thread raised. */
    public GenerationResult await() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new CompletionException(c);
        }
    }
}
