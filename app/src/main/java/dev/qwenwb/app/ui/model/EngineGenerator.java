package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.inference.generate.ChatSession;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.LocalModel;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.ChatTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-process engine: one {@link ChatSession} (and KV cache) per conversation, re-rendered each turn. */
public final class EngineGenerator implements ChatGenerator {

    /** Reply length when neither the settings nor generation_config.json say. */
    public static final int DEFAULT_MAX_TOKENS = 512;

    private final LocalModel model;
    private final String note;
    private final Map<String, ChatSession> sessions = new ConcurrentHashMap<>();

    /** Wraps a loaded model; {@code note} is shown beside its name (empty for none). */
    public EngineGenerator(LocalModel model, String note) {
        this.model = model;
        this.note = note;
    }

    @Override
    public ModelDescription description() {
        ModelInfo i = model.info();
        return new ModelDescription(i.name(), i.device(), i.dtype().label(), i.contextLength(), note);
    }

    @Override
    public GenerationConfig defaults() {
        return model.generationConfig();
    }

    @Override
    public GenerationHandle generate(String conversationId, List<ChatMessage> messages, ConversationSettings s,
                                     GenerationListener listener) {
        ChatTemplate template = model.chatTemplate().orElseThrow(() -> new IllegalStateException(
                model.info().dir().resolve("tokenizer_config.json") + " has no chat_template"));
        List<ChatMessage> all = new ArrayList<>();
        if (s.systemPrompt() != null && !s.systemPrompt().isBlank()) {
            all.add(ChatMessage.system(s.systemPrompt()));
        }
        all.addAll(messages);
        int[] ids = model.tokenizer().encode(template.render(all, true));
        GenerationConfig g = model.generationConfig();
        int max = s.maxTokens() != null ? s.maxTokens()
                : g.maxNewTokens() != null ? g.maxNewTokens() : DEFAULT_MAX_TOKENS;
        GenerationRequest request = new GenerationRequest(ids, sampling(s, g), max, List.of(),
                new HashSet<>(g.eosTokenIds()));
        ChatSession session = sessions.computeIfAbsent(conversationId, k -> model.newSession());
        return session.generate(request, listener);
    }

    /** Settings over the model's defaults; temperature 0 (or do_sample false with no temperature) is greedy. */
    static SamplingParams sampling(ConversationSettings s, GenerationConfig g) {
        return SamplingParams.overriding(g, s.temperature(), s.topP(), s.topK(), s.repetitionPenalty(),
                s.seed() != null ? s.seed() : System.nanoTime());
    }

    @Override
    public void forget(String conversationId) {
        ChatSession s = sessions.remove(conversationId);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(ChatSession::close);
        sessions.clear();
        model.close();
    }
}
