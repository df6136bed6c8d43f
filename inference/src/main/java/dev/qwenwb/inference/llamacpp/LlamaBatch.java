package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct llama_batch} (56 bytes on 64-bit platforms): the arrays are owned by the caller
 * ({@link TokenBatch}), this is only the by-value view {@code llama_decode} takes.
 */
@Structure.FieldOrder({"n_tokens", "token", "embd", "pos", "n_seq_id", "seq_id", "logits"})
public class LlamaBatch extends Structure {

    public int n_tokens;    // int32_t
    public Pointer token;   // llama_token * (n_tokens)
    public Pointer embd;    // float *, NULL: tokens are given
    public Pointer pos;     // llama_pos * (n_tokens)
    public Pointer n_seq_id; // int32_t * (n_tokens)
    public Pointer seq_id;  // llama_seq_id ** (n_tokens)
    public Pointer logits;  // int8_t * (n_tokens): output logits for this position

    /** The by-value form {@code llama_decode} takes. */
    public static class ByValue extends LlamaBatch implements Structure.ByValue {
    }
}
