package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.engine.KvCache;
import dev.qwenwb.inference.engine.Qwen2Model;
import dev.qwenwb.inference.tokenizer.IncrementalDetokenizer;
import dev.qwenwb.inference.util.ProcessMemory;
import java.util.Arrays;

/**
 * One conversation with a {@link LocalModel}: owns a KV cache, so the next turn only prefills what the cache
 * does not already hold (the longest common prefix of the new prompt and the cached tokens is reused).
 */
public final class ChatSession implements Generator.Session {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatSession.class);

    private final LocalModel owner;
    private KvCache cache;      // touched on the model thread only
    private int[] cachedIds = new int[0];

    ChatSession(LocalModel owner) {
        this.owner = owner;
    }

    /**
     * Starts a generation on the model thread; {@code listener} hears every token there. The prompt is rendered and
     * encoded there too; a prompt the model cannot take ends the generation with that error.
     */
    @Override
    public GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
        GenerationHandle handle = new GenerationHandle();
        owner.submit(() -> {
            GenerationResult result = null;
            Throwable error = null;
            try {
                result = run(PreparedRequest.prepare(request, owner.renderer(), owner.defaults()), listener, handle);
            } catch (RuntimeException | Error e) {
                error = e;
                forget();
            }
            handle.finish(listener, result, error);
        });
        return handle;
    }

    /** Tokens whose keys/values the cache holds. */
    @Override
    public int cachedTokens() {
        return cachedIds.length;
    }

    /** Forgets the cached conversation (the next generation prefills its whole prompt). */
    @Override
    public void reset() {
        owner.onModelThread(() -> {
            forget();
            return null;
        });
    }

    private void forget() {
        cachedIds = new int[0];
        if (cache != null) {
            cache.truncate(0);
        }
    }

    private GenerationResult run(PreparedRequest req, GenerationListener listener, GenerationHandle handle) {
        long t0 = System.nanoTime();
        Qwen2Model model = owner.model();
        int capacity = owner.info().contextLength();
        int[] prompt = req.promptIds();
        if (prompt.length >= capacity) {
            throw new PromptTooLongException(prompt.length, capacity, owner.info().maxPositions());
        }
        if (cache == null) {
            cache = model.newCache(capacity);
        }
        int reused = commonPrefix(cachedIds, prompt);
        if (reused == prompt.length) {
            reused--; // the last prompt token must run to give the next token's logits
        }
        cache.truncate(Math.min(reused, cache.length()));
        reused = cache.length();
        listener.onPrefill(prompt.length, prompt.length - reused);
        float[] logits = model.forward(Arrays.copyOfRange(prompt, reused, prompt.length), cache, false);
        long prefillEnd = System.nanoTime();
        if (LOG.isDebugEnabled()) { // reading /proc costs a file read: only when asked for
            LOG.debug("prefilled {} tokens: RSS {} MB, peak {} MB", prompt.length - reused, ProcessMemory.rssMb(),
                    ProcessMemory.peakRssMb());
        }

        int[] context = Arrays.copyOf(prompt, capacity + 1);
        int contextLength = prompt.length;
        Sampler sampler = new Sampler(req.sampling());
        IncrementalDetokenizer detok = new IncrementalDetokenizer(owner.tokenizer(), true);
        StopStrings stops = new StopStrings(req.stopStrings());
        int longestStop = req.stopStrings().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        int emitted = 0;
        double[] latencies = new double[Limits.tokenSlots(req.maxNewTokens(), capacity, prompt.length)];
        int n = 0;
        long last = t0;
        long first = 0;
        FinishReason reason = null;
        while (reason == null) {
            int token = sampler.sample(logits, context, contextLength);
            long now = System.nanoTime();
            latencies[n++] = (now - last) / 1e6;
            last = now;
            if (n == 1) {
                first = now;
            }
            context[contextLength++] = token;
            boolean eos = req.eosIds().contains(token);
            if (!eos) {
                text.append(detok.push(token));
            }
            if (eos) {
                reason = FinishReason.EOS;
            } else if (n == req.maxNewTokens()) {
                reason = FinishReason.MAX_TOKENS;
            } else if (handle.isCancelled()) {
                reason = FinishReason.CANCELLED;
            } else if (cache.length() >= capacity) {
                reason = FinishReason.CONTEXT_LIMIT;
            }
            if (reason != null) {
                text.append(detok.flush());
            }
            int stopAt = stops.find(text, Math.max(0, emitted - longestStop));
            if (stopAt >= 0) {
                text.setLength(stopAt);
                reason = FinishReason.STOP_STRING;
            }
            int visible = reason != null ? text.length() : Math.max(emitted, stops.safeLength(text));
            listener.onToken(token, text.substring(emitted, visible), new LiveStats(prompt.length, reused, n,
                    (first - t0) / 1e6, n > 1 ? (n - 1) / ((now - first) / 1e9) : 0, (now - t0) / 1e6));
            emitted = visible;
            if (reason == null) {
                logits = model.forward(new int[] {token}, cache, false);
            }
        }
        cachedIds = Arrays.copyOf(context, cache.length());
        if (LOG.isDebugEnabled()) {
            LOG.debug("generated {} tokens: RSS {} MB", n, ProcessMemory.rssMb());
        }
        long end = System.nanoTime();
        double[] tokenLatencies = Arrays.copyOf(latencies, n);
        double decodeRate = n > 1 ? (n - 1) / ((last - first) / 1e9) : 0;
        int prefilled = prompt.length - reused;
        GenerationStats stats = new GenerationStats(owner.info().loadMs(), prompt.length, reused,
                tokenLatencies[0], prefilled / ((prefillEnd - t0) / 1e9), tokenLatencies, decodeRate,
                (end - t0) / 1e6, ProcessMemory.peakRssMb(), owner.gpuMemoryMb());
        return new GenerationResult(text.toString(), Arrays.copyOfRange(context, prompt.length, contextLength),
                reason, stats, req.sampling(), req.promptText());
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /** Frees the KV cache (already freed with the model, if that was closed first). */
    @Override
    public void close() {
        if (owner.isClosed()) {
            return;
        }
        owner.onModelThread(() -> {
            if (cache != null) {
                cache.close();
                cache = null;
            }
            cachedIds = new int[0];
            return null;
        });
    }
}
