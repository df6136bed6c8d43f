package dev.qwenwb.inference.generate;

import com.sun.jna.Pointer;
import dev.qwenwb.inference.gguf.Utf8Stream;
import dev.qwenwb.inference.llamacpp.LlamaLibrary;
import dev.qwenwb.inference.llamacpp.TokenBatch;
import dev.qwenwb.inference.util.ProcessMemory;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation with a {@link GgufModel}: a llama.cpp context whose KV cache (sequence 0) holds the tokens of
 * the last generation, so the next one only prefills what differs (the longest common prefix is kept, the rest
 * removed with {@code llama_memory_seq_rm}). The prompt's new tokens go to llama.cpp in one {@code llama_decode};
 * then one token per step. Tokens are chosen by our own {@link Sampler} from llama.cpp's logits, so seeds and
 * sampling behave as with the DJL engine. Cancellation is honoured between tokens.
 */
public final class GgufSession implements Generator.Session {

    private static final Logger LOG = LoggerFactory.getLogger(GgufSession.class);

    private final GgufModel owner;
    private final LlamaLibrary llama;
    private final int capacity;
    private final int vocab;
    private Pointer ctx;           // model thread only; null once freed
    private final Pointer memory;
    private final TokenBatch batch;
    private int[] cachedIds = new int[0]; // tokens whose keys/values the context holds, in order from position 0

    GgufSession(GgufModel owner, Pointer ctx, int capacity) {
        this.owner = owner;
        this.llama = owner.llama();
        this.ctx = ctx;
        this.capacity = capacity;
        this.vocab = owner.tokenizer().size();
        this.memory = llama.llama_get_memory(ctx);
        this.batch = new TokenBatch(capacity);
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
        if (ctx != null) {
            llama.llama_memory_clear(memory, (byte) 1);
        }
    }

    private GenerationResult run(PreparedRequest req, GenerationListener listener, GenerationHandle handle) {
        long t0 = System.nanoTime();
        checkLive();
        int[] prompt = req.promptIds();
        if (prompt.length >= capacity) {
            throw new PromptTooLongException(prompt.length, capacity, owner.info().maxPositions());
        }
        for (int id : prompt) {
            owner.tokenizer().checkId(id);
        }
        int reused = commonPrefix(cachedIds, prompt);
        if (reused == prompt.length) {
            reused--; // the last prompt token must run to give the next token's logits
        }
        if (llama.llama_memory_seq_rm(memory, 0, reused, -1) == 0) {
            forget(); // a partial removal refused: start from an empty cache
            reused = 0;
        }
        int kvLength = reused;
        listener.onPrefill(prompt.length, prompt.length - reused);
        float[] logits = new float[vocab];
        decode(prompt, reused, prompt.length - reused, kvLength, logits);
        kvLength = prompt.length;
        long prefillEnd = System.nanoTime();

        int[] context = Arrays.copyOf(prompt, capacity + 1);
        int contextLength = prompt.length;
        Sampler sampler = new Sampler(req.sampling());
        Utf8Stream utf8 = new Utf8Stream();
        byte[] piece = new byte[256];
        StopStrings stops = new StopStrings(req.stopStrings());
        int longestStop = req.stopStrings().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        int emitted = 0;
        double[] latencies = new double[req.maxNewTokens()];
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
                int len = owner.tokenizer().piece(token, piece, false);
                if (len < 0) {
                    piece = new byte[-len];
                    len = owner.tokenizer().piece(token, piece, false);
                }
                text.append(utf8.push(piece, len));
            }
            if (eos) {
                reason = FinishReason.EOS;
            } else if (n == req.maxNewTokens()) {
                reason = FinishReason.MAX_TOKENS;
            } else if (handle.isCancelled()) {
                reason = FinishReason.CANCELLED;
            } else if (kvLength >= capacity) {
                reason = FinishReason.CONTEXT_LIMIT;
            }
            if (reason != null) {
                text.append(utf8.flush());
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
                decode(context, contextLength - 1, 1, kvLength, logits);
                kvLength++;
            }
        }
        cachedIds = Arrays.copyOf(context, kvLength);
        long end = System.nanoTime();
        double[] tokenLatencies = Arrays.copyOf(latencies, n);
        double decodeRate = n > 1 ? (n - 1) / ((last - first) / 1e9) : 0;
        int prefilled = prompt.length - reused;
        GenerationStats stats = new GenerationStats(owner.info().loadMs(), prompt.length, reused, tokenLatencies[0],
                prefilled / ((prefillEnd - t0) / 1e9), tokenLatencies, decodeRate, (end - t0) / 1e6,
                ProcessMemory.peakRssMb(), owner.gpuMemoryMb());
        if (LOG.isDebugEnabled()) {
            LOG.debug("generated {} tokens after prefilling {} ({} cached): {}", n, prefilled, reused, stats);
        }
        return new GenerationResult(text.toString(), Arrays.copyOfRange(context, prompt.length, contextLength),
                reason, stats, req.sampling(), req.promptText());
    }

    /**
     * Runs {@code ids[from, from + n)} at positions {@code pos, ...} in one {@code llama_decode} and copies the last
     * position's logits into {@code logits}.
     */
    private void decode(int[] ids, int from, int n, int pos, float[] logits) {
        int rc = llama.llama_decode(ctx, batch.fill(ids, from, n, pos));
        if (rc != 0) {
            throw new IllegalStateException("llama_decode of " + n + " tokens at position " + pos + " failed ("
                    + rc + (rc == 1 ? ": no room in the KV cache" : rc == 2 ? ": aborted" : "") + ")");
        }
        Pointer out = llama.llama_get_logits_ith(ctx, -1);
        if (out == null) {
            throw new IllegalStateException("llama.cpp returned no logits");
        }
        out.read(0, logits, 0, vocab);
    }

    /** Logits of the last of {@code ids} from an empty cache (model thread). */
    float[] prefillLogits(int[] ids) {
        checkLive();
        for (int id : ids) {
            owner.tokenizer().checkId(id);
        }
        forget();
        float[] logits = new float[vocab];
        decode(ids, 0, ids.length, 0, logits);
        cachedIds = ids.clone();
        return logits;
    }

    private void checkLive() {
        if (ctx == null) {
            throw new IllegalStateException("this session is closed");
        }
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /** Frees the context (model thread). */
    void free() {
        if (ctx != null) {
            llama.llama_free(ctx);
            ctx = null;
            batch.close();
            cachedIds = new int[0];
        }
    }

    /** Frees the llama.cpp context (already freed with the model, if that was closed first). */
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
