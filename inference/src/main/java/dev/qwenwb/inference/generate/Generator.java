package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import java.util.function.BiFunction;

/**
 * A model that generates: the one seam between every caller (chat, evaluation, command line, server) and every
 * engine (DJL's PyTorch in-process, llama.cpp for GGUF, an OpenAI-compatible endpoint). Prompt rendering, encoding,
 * end-of-sequence ids and the defaults of generation_config.json live behind it; every engine reports the same
 * {@link GenerationStats}.
 */
public interface Generator extends AutoCloseable {

    /** @return name, engine, device, precision, context, load time */
    ModelInfo info();

    /** @return the model's sampling defaults and eos ids, for "model default" settings */
    GenerationConfig defaults();

    /** @return where the model runs — device, layers on it, device memory, why — where the engine reports it */
    default java.util.Optional<DevicePlacement> placement() {
        return java.util.Optional.empty();
    }

    /**
     * @return the prompt as the model would see it (text and ids), without generating
     * @throws dev.qwenwb.inference.prompt.PromptException if the model cannot take it
     */
    RenderedPrompt render(Prompt prompt);

    /** @return a new conversation; it keeps its cache between turns, so a next turn only prefills what is new */
    Session newSession();

    /**
     * Generates in a fresh session, closed when it ends.
     *
     * @return the generation in flight
     */
    default GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
        Session s = newSession();
        GenerationHandle h;
        try {
            h = s.generate(request, listener);
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        h.future().whenComplete((r, e) -> s.close());
        return h;
    }

    /** Generates in a fresh session and waits (not from the engine's thread). */
    default GenerationResult generate(GenerationRequest request) {
        return generate(request, GenerationListener.NONE).await();
    }

    /** Frees the model (after the work queued before). */
    @Override
    void close();

    /** A conversation with its own cache; generations of one session run one after another. */
    interface Session extends AutoCloseable {

        /**
         * Starts a generation; {@code listener} hears every token on the engine's thread.
         *
         * @throws IllegalArgumentException for a request the model cannot take (no chat template, a prompt longer
         *                                  than the context, …), before anything runs
         */
        GenerationHandle generate(GenerationRequest request, GenerationListener listener);

        /** Generates and waits (not from the engine's thread). */
        default GenerationResult generate(GenerationRequest request) {
            return generate(request, GenerationListener.NONE).await();
        }

        /** @return tokens the cache holds (0 for engines without one) */
        int cachedTokens();

        /** Forgets the cached conversation (the next generation prefills its whole prompt). */
        void reset();

        /** Frees the cache. */
        @Override
        void close();

        /**
         * A session of an engine that keeps nothing between turns (a remote endpoint is sent the whole conversation
         * each time): every generation is {@code start}'s, there is no cache to count, reset or free.
         */
        static Session stateless(BiFunction<GenerationRequest, GenerationListener, GenerationHandle> start) {
            return new Session() {
                @Override
                public GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
                    return start.apply(request, listener);
                }

                @Override
                public int cachedTokens() {
                    return 0;
                }

                @Override
                public void reset() {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
