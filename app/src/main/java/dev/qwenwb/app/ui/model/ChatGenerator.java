package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.ChatMessage;
import java.util.List;
import java.util.Optional;

/**
 * What the chat needs from a model: the seam between the ViewModels and {@code DjlModel}/{@code EngineSession},
 * so UI tests can run on a scripted generator. Listener callbacks arrive on the generator's own thread.
 */
public interface ChatGenerator extends AutoCloseable {

    /** Name, device, dtype and context of the model. */
    ModelDescription description();

    /** The model's defaults (generation_config.json) for settings left at "model default". */
    GenerationConfig defaults();

    /**
     * Starts a reply to {@code messages} (the whole conversation so far, system message not included).
     *
     * @param conversationId a key for reusing the conversation's KV cache
     */
    GenerationHandle generate(String conversationId, List<ChatMessage> messages, ConversationSettings settings,
                              GenerationListener listener);

    /** @return the model behind this chat adapter, for serving it over HTTP (empty where there is none) */
    default Optional<Generator> generator() {
        return Optional.empty();
    }

    /** Forgets the cache kept for a conversation (e.g. when it is deleted). */
    default void forget(String conversationId) {
    }

    @Override
    void close();
}
