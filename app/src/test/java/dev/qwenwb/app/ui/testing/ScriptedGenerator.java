package dev.qwenwb.app.ui.testing;

import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.StatsRecorder;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for an engine behind the real {@link Generator} API (so UI tests go through the real
 * chat adapter): each reply is a script of tokens (the next script per call, the last one repeated), sent from its
 * own thread with a fixed delay. {@link #holdAfter(int)} makes a reply wait after N tokens until it is cancelled
 * or {@link #release()}d, so tests can stop a reply mid-stream deterministically.
 */
public final class ScriptedGenerator implements Generator {

    private final List<List<String>> scripts;
    private final long tokenDelayMs;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scripted-model");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger calls = new AtomicInteger();
    private final List<List<ChatMessage>> prompts = new CopyOnWriteArrayList<>();
    private final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private volatile int holdAfter = Integer.MAX_VALUE;
    private volatile boolean released;

    /** Replies with {@code scripts} in turn, {@code tokenDelayMs} between tokens. */
    @SafeVarargs
    public ScriptedGenerator(long tokenDelayMs, List<String>... scripts) {
        this.tokenDelayMs = tokenDelayMs;
        this.scripts = List.of(scripts);
    }

    /** Splits {@code text} into tokens of {@code size} characters (fences end up split across tokens). */
    public static List<String> tokens(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }

    /** @return this generator as the chat sees a loaded model (through the real adapter) */
    public ChatGenerator chat() {
        return new EngineGenerator(this, "scripted replies for tests");
    }

    /** Replies wait after {@code n} tokens until cancelled or released. */
    public ScriptedGenerator holdAfter(int n) {
        holdAfter = n;
        released = false;
        return this;
    }

    /** Lets held replies go on. */
    public void release() {
        released = true;
    }

    /** The conversations each call was asked to answer (a chat's system message included, if any). */
    public List<List<ChatMessage>> prompts() {
        return prompts;
    }

    /** The requests as they arrived. */
    public List<GenerationRequest> requests() {
        return requests;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("scripted-model", "scripted", "", 0, 128, "cpu", "f32", 0, 0, 0, 128);
    }

    @Override
    public GenerationConfig defaults() {
        return new GenerationConfig(false, 0.7, 0.8, 20, 1.05, List.of(0), null);
    }

    @Override
    public RenderedPrompt render(Prompt prompt) {
        int n = prompt instanceof Prompt.Chat c ? c.messages().size() : 1;
        return new RenderedPrompt(prompt.toString(), new int[10 * n], Set.of(), List.of());
    }

    @Override
    public Session newSession() {
        return Session.stateless(this::start);
    }

    private GenerationHandle start(GenerationRequest request, GenerationListener listener) {
        requests.add(request);
        if (request.prompt() instanceof Prompt.Chat c) {
            prompts.add(c.messages());
        }
        List<String> script = scripts.get(Math.min(calls.getAndIncrement(), scripts.size() - 1));
        GenerationHandle handle = new GenerationHandle();
        int promptTokens = render(request.prompt()).length();
        thread.execute(() -> {
            // a scripted clock: an instant prefill, then each token exactly tokenDelayMs after the one before
            long delayNs = tokenDelayMs * 1_000_000L;
            StatsRecorder clock = new StatsRecorder(0);
            listener.onPrefill(promptTokens, promptTokens);
            clock.prefilled(0);
            StringBuilder text = new StringBuilder();
            int n = 0;
            FinishReason reason = FinishReason.EOS;
            try {
                for (String token : script) {
                    while (n >= holdAfter && !released && !handle.isCancelled()) {
                        TimeUnit.MILLISECONDS.sleep(5);
                    }
                    if (handle.isCancelled()) {
                        reason = FinishReason.CANCELLED;
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(tokenDelayMs);
                    text.append(token);
                    n++;
                    clock.token(n * delayNs);
                    listener.onToken(n - 1, token, clock.live(promptTokens, 0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            GenerationStats stats = clock.finish(n * delayNs, 0, promptTokens, 0, 100, -1);
            GenerationResult result = new GenerationResult(text.toString(), new int[n], reason, stats,
                    request.sampling().resolve(defaults()), request.prompt().toString());
            listener.onFinish(result, null);
            handle.future().complete(result);
        });
        return handle;
    }

    /** Nothing to free: the script thread is a daemon, so a window that reloads the "model" keeps working. */
    @Override
    public void close() {
    }
}
