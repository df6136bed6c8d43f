package dev.qwenwb.inference.generate.decode;

import dev.qwenwb.inference.generate.Vocabulary;
import java.util.List;

/**
 * What an engine supplies to the {@link DecodeLoop} — all that differs between engines: a KV cache with room for
 * {@link #sequences()} sequences of {@link #capacity()} tokens each, a forward pass over new tokens of several
 * sequences at once, trimming a sequence's cache, and the text of tokens. Everything else (prefix reuse, sampling,
 * stops, detokenizing, cancellation, stats) is the loop's. Called on the engine's {@link ModelThread} only.
 */
public interface EngineContext extends AutoCloseable {

    /** @return logits per position */
    int vocabSize();

    /** @return tokens one sequence's cache holds at most */
    int capacity();

    /** @return sequences (slots) the context holds */
    int sequences();

    /**
     * Runs every chunk (each the next tokens of one sequence) and writes each chunk's last-position logits into
     * {@code logits[i]}, in the order of {@code chunks}. Chunks name distinct sequences.
     *
     * @throws IllegalStateException if the engine fails (the caller then forgets the sequences involved)
     */
    void forward(List<Chunk> chunks, float[][] logits);

    /**
     * Drops what {@code sequence}'s cache holds from position {@code keep} on.
     *
     * @return tokens the cache holds now ({@code keep}, or 0 where the engine had to clear it)
     */
    int trim(int sequence, int keep);

    /**
     * Checks prompt ids before they reach the engine.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    default void checkTokens(int[] ids) {
        int vocab = vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocab);
            }
        }
    }

    /** @return the tokens as bytes, for grammar constraints (the same object every call: it is built once) */
    Vocabulary vocabulary();

    /** @return a decoder of generated tokens into text (special tokens skipped) */
    TokenDecoder newDecoder();

    /** Frees the cache. */
    @Override
    void close();
}
