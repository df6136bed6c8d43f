package dev.qwenwb.inference.generate.llamacpp;

import com.sun.jna.Pointer;
import dev.qwenwb.inference.generate.Vocabulary;
import dev.qwenwb.inference.generate.decode.Chunk;
import dev.qwenwb.inference.generate.decode.EngineContext;
import dev.qwenwb.inference.generate.decode.TokenDecoder;
import dev.qwenwb.inference.gguf.GgufTokenizer;
import dev.qwenwb.inference.gguf.Utf8Stream;
import dev.qwenwb.inference.llamacpp.LlamaLibrary;
import dev.qwenwb.inference.llamacpp.TokenBatch;
import java.util.List;
import java.util.function.Supplier;

/**
 * llama.cpp's side of the decode loop: one {@code llama_context} whose KV cache holds {@code sequences} sequences
 * (llama.cpp's {@code seq_id}s, {@code n_seq_max}), every chunk of a step in one {@code llama_decode} (a prompt's
 * prefill beside other sequences' decode tokens), each chunk's last logits read with {@code llama_get_logits_ith},
 * a sequence's cache trimmed with {@code llama_memory_seq_rm}. Model thread only.
 */
final class LlamaContext implements EngineContext {

    private final LlamaLibrary llama;
    private Pointer ctx; // null once freed
    private final Pointer memory;
    private final GgufTokenizer tokenizer;
    private final int capacity;
    private final int sequences;
    private final int vocab;
    private final TokenBatch batch;
    private final float[][] buffers; // (sequences) (V) logits handed to the loop, reused every step
    private final Supplier<Vocabulary> vocabulary;

    LlamaContext(LlamaLibrary llama, Pointer ctx, GgufTokenizer tokenizer, int capacity, int sequences,
                 Supplier<Vocabulary> vocabulary) {
        this.llama = llama;
        this.vocabulary = vocabulary;
        this.ctx = ctx;
        this.memory = llama.llama_get_memory(ctx);
        this.tokenizer = tokenizer;
        this.capacity = capacity;
        this.sequences = sequences;
        this.vocab = tokenizer.size();
        this.batch = new TokenBatch(capacity * sequences, sequences);
        this.buffers = new float[sequences][];
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int sequences() {
        return sequences;
    }

    @Override
    public void forward(List<Chunk> chunks, float[][] logits) {
        checkLive();
        batch.clear();
        int[] outputs = new int[chunks.size()];
        int tokens = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            outputs[i] = batch.add(c.sequence(), c.ids(), c.from(), c.n(), c.position());
            tokens += c.n();
        }
        int rc = llama.llama_decode(ctx, batch.struct());
        if (rc != 0) {
            throw new IllegalStateException("llama_decode of " + tokens + " tokens of " + chunks.size()
                    + " sequences failed (" + rc + (rc == 1 ? ": no room in the KV cache" : rc == 2 ? ": aborted" : "")
                    + ")");
        }
        for (int i = 0; i < chunks.size(); i++) {
            Pointer out = llama.llama_get_logits_ith(ctx, outputs[i]);
            if (out == null) {
                throw new IllegalStateException("llama.cpp returned no logits");
            }
            int seq = chunks.get(i).sequence();
            if (buffers[seq] == null) {
                buffers[seq] = new float[vocab];
            }
            out.read(0, buffers[seq], 0, vocab);
            logits[i] = buffers[seq];
        }
    }

    @Override
    public int trim(int sequence, int keep) {
        checkLive();
        if (llama.llama_memory_seq_rm(memory, sequence, keep, -1) == 0) {
            // a partial removal refused: start the sequence from an empty cache
            llama.llama_memory_seq_rm(memory, sequence, 0, -1);
            return 0;
        }
        return keep;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary.get();
    }

    @Override
    public TokenDecoder newDecoder() {
        Utf8Stream utf8 = new Utf8Stream();
        return new TokenDecoder() {
            private byte[] piece = new byte[256];

            @Override
            public String push(int token) {
                int len = tokenizer.piece(token, piece, false);
                if (len < 0) {
                    piece = new byte[-len];
                    len = tokenizer.piece(token, piece, false);
                }
                return utf8.push(piece, len);
            }

            @Override
            public String flush() {
                return utf8.flush();
            }
        };
    }

    private void checkLive() {
        if (ctx == null) {
            throw new IllegalStateException("this session is closed");
        }
    }

    @Override
    public void close() {
        if (ctx != null) {
            llama.llama_free(ctx);
            ctx = null;
            batch.close();
        }
    }
}
