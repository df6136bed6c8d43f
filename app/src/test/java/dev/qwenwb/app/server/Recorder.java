package dev.qwenwb.app.server;

import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real model seen through a window: every generation the server starts is recorded with its result (so a test
 * sees a cancellation the client caused), may wait at a gate before it starts (queueing tests) and may be slowed per
 * token on the model thread (so a client can leave mid-stream). It does not close the model.
 */
final class Recorder implements Generator {

    /** One generation: when it started and ended (nanoTime) and how. */
    static final class Run {
        final GenerationRequest request;
        volatile long started;
        volatile long ended;
        volatile GenerationResult result;
        volatile Throwable error;

        Run(GenerationRequest request) {
            this.request = request;
        }
    }

    private final Generator model;
    final List<Run> runs = new CopyOnWriteArrayList<>();
    volatile long tokenDelayMs;
    volatile CountDownLatch gate = new CountDownLatch(0);

    Recorder(Generator model) {
        this.model = model;
    }

    /** @return the next run's result, waiting for it */
    GenerationResult awaitResult(int index) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            if (runs.size() > index && (runs.get(index).result != null || runs.get(index).error != null)) {
                return runs.get(index).result;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("generation " + index + " did not finish");
    }

    void reset() {
        runs.clear();
        tokenDelayMs = 0;
        gate = new CountDownLatch(0);
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public GenerationConfig defaults() {
        return model.defaults();
    }

    @Override
    public RenderedPrompt render(Prompt prompt) {
        return model.render(prompt);
    }

    @Override
    public Session newSession() {
        return model.newSession();
    }

    @Override
    public GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
        Run run = new Run(request);
        runs.add(run);
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run.started = System.nanoTime();
        GenerationHandle h = model.generate(request, new GenerationListener() {
            @Override
            public void onPrefill(int promptTokens, int newTokens) {
                listener.onPrefill(promptTokens, newTokens);
            }

            @Override
            public void onToken(int tokenId, String textDelta, LiveStats live) {
                long d = tokenDelayMs;
                if (d > 0) {
                    try {
                        Thread.sleep(d);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                listener.onToken(tokenId, textDelta, live);
            }

            @Override
            public void onFinish(GenerationResult result, Throwable error) {
                run.ended = System.nanoTime();
                run.result = result;
                run.error = error;
                listener.onFinish(result, error);
            }
        });
        return h;
    }

    @Override
    public void close() {
    }
}
