package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct llama_model_quantize_params} of llama.cpp tag v0.4.0 (64 bytes on 64-bit platforms), for
 * {@code llama_model_quantize}: how the benchmark tool turns an f16 GGUF into q4_K_M as llama-quantize would.
 */
@Structure.FieldOrder({"nthread", "ftype", "output_tensor_type", "token_embedding_type", "allow_requantize",
        "quantize_output_tensor", "only_copy", "pure", "keep_split", "dry_run", "imatrix", "kv_overrides",
        "tt_overrides", "prune_layers", "max_buf_size"})
public class LlamaQuantizeParams extends Structure {

    /** {@code enum llama_ftype} LLAMA_FTYPE_MOSTLY_Q4_K_M. */
    public static final int FTYPE_Q4_K_M = 15;

    public int nthread;               // int32_t, <= 0: all hardware threads
    public int ftype;                 // enum llama_ftype
    public int output_tensor_type;    // enum ggml_type
    public int token_embedding_type;  // enum ggml_type
    public byte allow_requantize;     // bool
    public byte quantize_output_tensor; // bool
    public byte only_copy;            // bool
    public byte pure;                 // bool
    public byte keep_split;           // bool
    public byte dry_run;              // bool
    public Pointer imatrix;           // const struct llama_model_imatrix_data *
    public Pointer kv_overrides;      // const struct llama_model_kv_override *
    public Pointer tt_overrides;      // const struct llama_model_tensor_override *
    public Pointer prune_layers;      // const int32_t *
    public long max_buf_size;         // size_t, 0 = default

    /** The by-value form {@code llama_model_quantize_default_params} returns. */
    public static class ByValue extends LlamaQuantizeParams implements Structure.ByValue {
    }
}
