package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat's adapter over any {@link Generator}: a conversation's settings become a request, and each conversation
 * keeps one session (and KV cache) so a next turn only prefills what is new.
 */
public final class EngineGenerator implements ChatGenerator {

    private final Generator model;
    private final String note;
    private final Map<String, Generator.Session> sessions = new ConcurrentHashMap<>();

    /** Wraps a loaded model; {@code note} is shown beside its name (empty for none). */
    public EngineGenerator(Generator model, String note) {
        this.model = model;
        this.note = note;
    }

    @Override
    public ModelDescription description() {
        ModelInfo i = model.info();
        // GGUF: layers on the GPU beside the device; the full placement and its reason in the tooltip
        String device = model.placement().filter(p -> p.onGpu())
                .map(p -> i.device() + " (" + p.gpuLayers() + "/" + p.layers() + ")").orElse(i.device());
        String why = model.placement().map(p -> p.describe() + " — " + p.reason()).orElse("");
        return new ModelDescription(i.name(), device, i.dtype(), i.contextLength(), note, i.dtypeReason(), why);
    }

    @Override
    public GenerationConfig defaults() {
        return model.defaults();
    }

    @Override
    public GenerationHandle generate(String conversationId, List<ChatMessage> messages, ConversationSettings s,
                                     GenerationListener listener) {
        List<ChatMessage> all = new ArrayList<>();
        if (s.systemPrompt() != null && !s.systemPrompt().isBlank()) {
            all.add(ChatMessage.system(s.systemPrompt()));
        }
        all.addAll(messages);
        GenerationRequest request = new GenerationRequest(Prompt.chat(all), s.sampling(), s.limits(), s.format());
        return sessions.computeIfAbsent(conversationId, k -> model.newSession()).generate(request, listener);
    }

    @Override
    public Optional<Generator> generator() {
        return Optional.of(model);
    }

    @Override
    public void forget(String conversationId) {
        Generator.Session s = sessions.remove(conversationId);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(Generator.Session::close);
        sessions.clear();
        model.close();
    }
}
