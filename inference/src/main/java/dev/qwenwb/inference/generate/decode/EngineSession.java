package dev.qwenwb.inference.generate.decode;

import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Generator;

/**
 * A conversation with a local engine: a {@link DecodeLoop} over the engine's cache. With one sequence slot (a chat)
 * the next turn only prefills what the cache does not already hold; with several, that many generations step
 * together and each takes the slot whose cache shares most with its prompt.
 */
public final class EngineSession implements Generator.Session {

    private final EngineModel owner;
    private final DecodeLoop loop;

    EngineSession(EngineModel owner, int sequences) {
        this.owner = owner;
        this.loop = new DecodeLoop(sequences, () -> owner.newContext(sequences), owner.modelThread(),
                owner.loopModel());
    }

    /**
     * Starts a generation on the model thread; {@code listener} hears every token there. The prompt is rendered and
     * encoded there too; a prompt the model cannot take ends the generation with that error.
     */
    @Override
    public GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
        owner.checkOpen();
        return loop.submit(request, listener);
    }

    /** Tokens whose keys/values the cache holds (over every slot). */
    @Override
    public int cachedTokens() {
        return loop.cachedTokens();
    }

    /** Forgets the cached conversation (the next generation prefills its whole prompt). */
    @Override
    public void reset() {
        owner.onModelThread(() -> {
            loop.reset();
            return null;
        });
    }

    /** Frees the cache (model thread). */
    void free() {
        loop.close();
    }

    /** Frees the cache (already freed with the model, if that was closed first). */
    @Override
    public void close() {
        if (owner.isClosed()) {
            return;
        }
        owner.onModelThread(() -> {
            free();
            owner.forgetSession(this);
            return null;
        });
    }
}
