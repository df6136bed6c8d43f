package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native arrays for {@code llama_decode} of up to {@code capacity} tokens of sequence 0, allocated once and reused
 * (what {@code llama_batch_init} would allocate, owned here so Java frees it). Only the last token of a batch asks
 * for logits. Not thread-safe.
 */
public final class TokenBatch implements AutoCloseable {

    private final int capacity;
    private final Memory tokens;   // (capacity) int32 token ids
    private final Memory positions; // (capacity) int32 positions
    private final Memory nSeqId;   // (capacity) int32, all 1
    private final Memory seqIds;   // (capacity) pointers, each to seqZero
    private final Memory seqZero;  // one int32: sequence 0
    private final Memory logits;   // (capacity) int8 output flags
    private final LlamaBatch.ByValue batch = new LlamaBatch.ByValue();

    /** @param capacity the most tokens one {@link #fill} takes (> 0) */
    public TokenBatch(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
        tokens = new Memory(4L * capacity);
        positions = new Memory(4L * capacity);
        nSeqId = new Memory(4L * capacity);
        seqIds = new Memory((long) Native.POINTER_SIZE * capacity);
        seqZero = new Memory(4);
        logits = new Memory(capacity);
        seqZero.setInt(0, 0);
        for (int i = 0; i < capacity; i++) {
            nSeqId.setInt(4L * i, 1);
            seqIds.setPointer((long) Native.POINTER_SIZE * i, seqZero);
        }
        logits.clear();
        batch.embd = Pointer.NULL;
        batch.token = tokens;
        batch.pos = positions;
        batch.n_seq_id = nSeqId;
        batch.seq_id = seqIds;
        batch.logits = logits;
    }

    /** @return the most tokens one batch holds */
    public int capacity() {
        return capacity;
    }

    /**
     * Fills the batch with {@code ids[from, from + n)} at positions {@code startPos, startPos + 1, ...}; the last
     * one outputs logits.
     *
     * @return the struct to pass to {@code llama_decode} (valid until the next fill)
     */
    public LlamaBatch.ByValue fill(int[] ids, int from, int n, int startPos) {
        if (n <= 0 || n > capacity) {
            throw new IllegalArgumentException("batch of " + n + " tokens, capacity " + capacity);
        }
        tokens.write(0, ids, from, n);
        for (int i = 0; i < n; i++) {
            positions.setInt(4L * i, startPos + i);
        }
        logits.clear(n);
        logits.setByte(n - 1, (byte) 1);
        batch.n_tokens = n;
        return batch;
    }

    @Override
    public void close() {
        tokens.close();
        positions.close();
        nSeqId.close();
        seqIds.close();
        seqZero.close();
        logits.close();
    }
}
