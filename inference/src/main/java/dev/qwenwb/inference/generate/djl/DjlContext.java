package dev.qwenwb.inference.generate.djl;

import dev.qwenwb.inference.engine.KvCache;
import dev.qwenwb.inference.engine.Qwen2Model;
import dev.qwenwb.inference.generate.Vocabulary;
import dev.qwenwb.inference.generate.decode.Chunk;
import dev.qwenwb.inference.generate.decode.EngineContext;
import dev.qwenwb.inference.generate.decode.TokenDecoder;
import dev.qwenwb.inference.tokenizer.IncrementalDetokenizer;
import dev.qwenwb.inference.tokenizer.QwenTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The DJL engine's side of the decode loop: one {@link KvCache} per sequence (allocated at its first use), and a
 * forward pass per chunk — several sequences step one after another inside one loop step (PyTorch has no
 * sequence-batched cache here). Model thread only.
 */
final class DjlContext implements EngineContext {

    private final Qwen2Model model;
    private final QwenTokenizer tokenizer;
    private final int capacity;
    private final KvCache[] caches; // (sequences), null until used
    private final Supplier<Vocabulary> vocabulary;

    DjlContext(Qwen2Model model, QwenTokenizer tokenizer, int capacity, int sequences,
               Supplier<Vocabulary> vocabulary) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.tokenizer = tokenizer;
        this.capacity = capacity;
        this.caches = new KvCache[sequences];
    }

    @Override
    public int vocabSize() {
        return model.config().vocabSize();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int sequences() {
        return caches.length;
    }

    @Override
    public void forward(List<Chunk> chunks, float[][] logits) {
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            KvCache cache = cache(c.sequence());
            if (cache.length() != c.position()) {
                throw new IllegalStateException("sequence " + c.sequence() + " holds " + cache.length()
                        + " tokens, the chunk starts at " + c.position());
            }
            int[] ids = c.from() == 0 && c.n() == c.ids().length ? c.ids()
                    : Arrays.copyOfRange(c.ids(), c.from(), c.from() + c.n());
            logits[i] = model.forward(ids, cache, false);
        }
    }

    private KvCache cache(int sequence) {
        if (caches[sequence] == null) {
            caches[sequence] = model.newCache(capacity);
        }
        return caches[sequence];
    }

    @Override
    public int trim(int sequence, int keep) {
        KvCache cache = caches[sequence];
        if (cache == null) {
            return 0;
        }
        cache.truncate(Math.min(keep, cache.length()));
        return cache.length();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary.get();
    }

    @Override
    public TokenDecoder newDecoder() {
        IncrementalDetokenizer d = new IncrementalDetokenizer(tokenizer, true);
        return new TokenDecoder() {
            @Override
            public String push(int token) {
                return d.push(token);
            }

            @Override
            public String flush() {
                return d.flush();
            }
        };
    }

    @Override
    public void close() {
        for (int s = 0; s < caches.length; s++) {
            if (caches[s] != null) {
                caches[s].close();
                caches[s] = null;
            }
        }
    }
}
