package dev.qwenwb.inference.generate.decode;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.PreparedRequest;
import dev.qwenwb.inference.generate.PromptTooLongException;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.PromptRenderer;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every in-process engine's model shares: its {@link ModelThread}, the sessions over the one
 * {@link DecodeLoop}, the prompt renderer, logits for the command line, and closing. An engine subclass loads its
 * weights and supplies an {@link EngineContext} per session.
 */
public abstract class EngineModel implements Generator {

    private final ModelThread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<EngineSession> sessions = new ArrayList<>(); // guarded by itself
    private ModelInfo info;               // set once by the subclass's constructor (describe)
    private GenerationConfig defaults;
    private PromptRenderer renderer;

    protected EngineModel(ModelThread thread) {
        this.thread = thread;
    }

    /**
     * Says what the subclass loaded; its constructor calls this once.
     *
     * @param info     name, engine, device, precision, context, load time
     * @param defaults sampling defaults and eos ids
     * @param renderer the one renderer of this model's prompts
     */
    protected final void describe(ModelInfo info, GenerationConfig defaults, PromptRenderer renderer) {
        this.info = info;
        this.defaults = defaults;
        this.renderer = renderer;
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    /** Sampling defaults and the eos ids (generation_config.json, or what the GGUF file says). */
    @Override
    public final GenerationConfig defaults() {
        return defaults;
    }

    /** @return the one renderer of this model's prompts */
    public final PromptRenderer renderer() {
        return renderer;
    }

    /**
     * The context length to use: the one asked for (0 = the default, capped by the model's;
     * {@link EngineOptions#MODEL_CONTEXT} = the model's own).
     *
     * @param key the model's setting that caps it, for the message (e.g. {@code max_position_embeddings})
     * @throws IllegalArgumentException for more than the model holds
     */
    public static int contextLength(int requested, int maxPositions, String key) {
        if (requested > maxPositions) {
            throw new IllegalArgumentException("context length " + requested + " exceeds the model's " + key + " "
                    + maxPositions);
        }
        if (requested == EngineOptions.MODEL_CONTEXT) {
            return Math.min(maxPositions, EngineOptions.MAX_CONTEXT);
        }
        return requested > 0 ? requested : Math.min(EngineOptions.DEFAULT_CONTEXT, maxPositions);
    }

    /** A cache for {@code sequences} sequences of {@link dev.qwenwb.inference.generate.ModelInfo#contextLength()}
     * tokens each, and the forward pass over it (model thread). */
    protected abstract EngineContext newContext(int sequences);

    /** Frees the weights (model thread, after every session's cache). */
    protected abstract void freeWeights();

    /** @return device memory in use in MiB, -1 on the CPU */
    protected long deviceMemoryMb() {
        return -1;
    }

    @Override
    public RenderedPrompt render(Prompt prompt) {
        return renderer().render(prompt);
    }

    /** The model's own chat template, if it has a usable one. */
    public Optional<ChatTemplate> chatTemplate() {
        return renderer().template();
    }

    /** A conversation with its own cache (one sequence). */
    @Override
    public EngineSession newSession() {
        return newSession(1);
    }

    /**
     * A session whose cache holds {@code sequences} sequences: that many of its generations decode together (they
     * join and leave between steps); more wait for a free one.
     */
    public EngineSession newSession(int sequences) {
        checkOpen();
        EngineSession s = new EngineSession(this, sequences);
        synchronized (sessions) {
            sessions.add(s);
        }
        return s;
    }

    /** Logits of the last position of {@code ids}, from an empty cache (the command line's exact mode). */
    public float[] logits(int[] ids) {
        checkLogitsIds(ids);
        return onModelThread(() -> {
            try (EngineContext c = newContext(1)) {
                c.checkTokens(ids);
                float[][] out = new float[1][];
                c.forward(List.of(new Chunk(0, ids, 0, ids.length, 0)), out);
                return out[0];
            }
        });
    }

    /**
     * Checks ids to run from an empty cache for their logits.
     *
     * @throws IllegalArgumentException for no ids, {@link PromptTooLongException} for more than the context holds
     */
    protected final void checkLogitsIds(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("no token ids given");
        }
        if (ids.length > info().contextLength()) {
            throw new PromptTooLongException(ids.length, info().contextLength(), info().maxPositions());
        }
    }

    ModelThread modelThread() {
        return thread;
    }

    DecodeLoop.Model loopModel() {
        return new DecodeLoop.Model() {
            @Override
            public PreparedRequest prepare(GenerationRequest request) {
                return PreparedRequest.prepare(request, renderer(), defaults());
            }

            @Override
            public long loadMs() {
                return info().loadMs();
            }

            @Override
            public int maxPositions() {
                return info().maxPositions();
            }

            @Override
            public long deviceMemoryMb() {
                return EngineModel.this.deviceMemoryMb();
            }
        };
    }

    void forgetSession(EngineSession s) {
        synchronized (sessions) {
            sessions.remove(s);
        }
    }

    /** Runs {@code task} on the model thread and waits for it (at once, if this is the model thread). */
    public <T> T onModelThread(Callable<T> task) {
        checkOpen();
        return thread.call(task);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    protected void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("model " + info().name() + " is closed");
        }
    }

    /** Frees every session's cache, then the weights (after the work queued before). */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        thread.call(() -> {
            List<EngineSession> open;
            synchronized (sessions) {
                open = List.copyOf(sessions);
                sessions.clear();
            }
            for (EngineSession s : open) {
                s.free();
            }
            freeWeights();
            return null;
        });
    }
}
