package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native arrays for {@code llama_decode} of up to {@code capacity} tokens of up to {@code sequences} sequences,
 * allocated once and reused (what {@code llama_batch_init} would allocate, owned here so Java frees it). Each run of
 * tokens of one sequence outputs the logits of its last token only. Not thread-safe.
 */
public final class TokenBatch implements AutoCloseable {

    private final int capacity;
    private final Memory tokens;    // (capacity) int32 token ids
    private final Memory positions; // (capacity) int32 positions
    private final Memory nSeqId;    // (capacity) int32, all 1
    private final Memory seqIds;    // (capacity) pointers, each to one entry of seqNumbers
    private final Memory seqNumbers; // (sequences) int32: 0, 1, 2, ...
    private final int sequences;
    private final Memory logits;    // (capacity) int8 output flags
    private final LlamaBatch.ByValue batch = new LlamaBatch.ByValue();
    private int used;               // tokens added since the last clear

    /**
     * @param capacity  the most tokens one batch takes (> 0)
     * @param sequences the sequence ids it may name, 0 to sequences - 1 (> 0)
     */
    public TokenBatch(int capacity, int sequences) {
        if (capacity <= 0 || sequences <= 0) {
            throw new IllegalArgumentException("batch capacity and sequences must be > 0: " + capacity + ", "
                    + sequences);
        }
        this.capacity = capacity;
        this.sequences = sequences;
        tokens = new Memory(4L * capacity);
        positions = new Memory(4L * capacity);
        nSeqId = new Memory(4L * capacity);
        seqIds = new Memory((long) Native.POINTER_SIZE * capacity);
        seqNumbers = new Memory(4L * sequences);
        logits = new Memory(capacity);
        for (int s = 0; s < sequences; s++) {
            seqNumbers.setInt(4L * s, s);
        }
        for (int i = 0; i < capacity; i++) {
            nSeqId.setInt(4L * i, 1);
            seqIds.setPointer((long) Native.POINTER_SIZE * i, seqNumbers);
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

    /** Empties the batch. */
    public void clear() {
        logits.clear(Math.max(used, 1));
        used = 0;
    }

    /**
     * Adds {@code ids[from, from + n)} of sequence {@code seq} at positions {@code startPos, startPos + 1, ...}; the
     * last one outputs logits.
     *
     * @return the index in the batch of the token whose logits are output (for {@code llama_get_logits_ith})
     */
    public int add(int seq, int[] ids, int from, int n, int startPos) {
        if (n <= 0 || used + n > capacity) {
            throw new IllegalArgumentException("batch of " + (used + n) + " tokens, capacity " + capacity);
        }
        if (seq < 0 || seq >= sequences) {
            throw new IllegalArgumentException("sequence " + seq + " outside 0.." + (sequences - 1));
        }
        tokens.write(4L * used, ids, from, n);
        Pointer seqId = seqNumbers.share(4L * seq);
        for (int i = 0; i < n; i++) {
            positions.setInt(4L * (used + i), startPos + i);
            seqIds.setPointer((long) Native.POINTER_SIZE * (used + i), seqId);
        }
        used += n;
        logits.setByte(used - 1, (byte) 1);
        batch.n_tokens = used;
        return used - 1;
    }

    /** @return the struct to pass to {@code llama_decode} (valid until the next change) */
    public LlamaBatch.ByValue struct() {
        return batch;
    }

    @Override
    public void close() {
        tokens.close();
        positions.close();
        nSeqId.close();
        seqIds.close();
        seqNumbers.close();
        logits.close();
    }
}
