package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.Generation;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend for tests around a real one: each answer moves a fake clock on by {@code stepMs} (deterministic
 * progress and ETA), and the answer to {@code holdCase} waits until {@link #release()} or a cancel (a cancelled
 * generation, as the engine returns one).
 */
final class GatedBackend implements Backend {

    private final Backend delegate;
    private final AtomicLong clock;
    private final long stepMs;
    private final String holdCase;
    private final CountDownLatch gate;
    private volatile boolean cancelled;

    GatedBackend(Backend delegate, AtomicLong clock, long stepMs, String holdCase, CountDownLatch gate) {
        this.delegate = delegate;
        this.clock = clock;
        this.stepMs = stepMs;
        this.holdCase = holdCase;
        this.gate = gate;
    }

    @Override
    public Generation generate(EvalCase c, int repeat) {
        if (c.id().equals(holdCase)) {
            try {
                while (!cancelled && !gate.await(5, TimeUnit.MILLISECONDS)) {
                    // waiting for the test
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
            if (cancelled) {
                return new Generation("", Metrics.NONE, new double[0], true);
            }
        }
        Generation g = delegate.generate(c, repeat);
        clock.addAndGet(stepMs);
        return g;
    }

    @Override
    public void cancel() {
        cancelled = true;
        delegate.cancel();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
