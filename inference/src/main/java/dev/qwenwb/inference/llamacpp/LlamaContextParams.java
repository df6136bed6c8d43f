package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct llama_context_params} of llama.cpp tag v0.4.0 ({@code include/llama.h}), field for field: 160 bytes
 * on 64-bit platforms (offsets checked by {@code LlamaStructLayoutTest}). C {@code bool} is {@code byte},
 * {@code size_t} is {@code long} (64-bit everywhere this runs), enums are {@code int}.
 */
@Structure.FieldOrder({"n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_rs_seq", "n_outputs_max",
        "n_outputs_max_per_seq", "n_threads", "n_threads_batch", "ctx_type", "rope_scaling_type", "pooling_type",
        "attention_type", "flash_attn_type", "rope_freq_base", "rope_freq_scale", "yarn_ext_factor",
        "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx", "defrag_thold", "cb_eval",
        "cb_eval_user_data", "type_k", "type_v", "abort_callback", "abort_callback_data", "embeddings",
        "offload_kqv", "no_perf", "op_offload", "swa_full", "kv_unified", "samplers", "n_samplers", "ctx_other"})
public class LlamaContextParams extends Structure {

    /** {@code enum llama_flash_attn_type}: let llama.cpp decide (the reference harness's setting). */
    public static final int FLASH_ATTN_AUTO = -1;

    public int n_ctx;                   // uint32_t, 0 = from model
    public int n_batch;                 // uint32_t, most tokens one llama_decode takes
    public int n_ubatch;                // uint32_t, physical batch
    public int n_seq_max;               // uint32_t
    public int n_rs_seq;                // uint32_t
    public int n_outputs_max;           // uint32_t
    public int n_outputs_max_per_seq;   // uint32_t
    public int n_threads;               // int32_t, threads for one-token decode
    public int n_threads_batch;         // int32_t, threads for prompt batches
    public int ctx_type;                // enum llama_context_type
    public int rope_scaling_type;       // enum llama_rope_scaling_type
    public int pooling_type;            // enum llama_pooling_type
    public int attention_type;          // enum llama_attention_type
    public int flash_attn_type;         // enum llama_flash_attn_type
    public float rope_freq_base;
    public float rope_freq_scale;
    public float yarn_ext_factor;
    public float yarn_attn_factor;
    public float yarn_beta_fast;
    public float yarn_beta_slow;
    public int yarn_orig_ctx;           // uint32_t
    public float defrag_thold;
    public Pointer cb_eval;             // ggml_backend_sched_eval_callback
    public Pointer cb_eval_user_data;   // void *
    public int type_k;                  // enum ggml_type
    public int type_v;                  // enum ggml_type
    public Pointer abort_callback;      // ggml_abort_callback
    public Pointer abort_callback_data; // void *
    public byte embeddings;             // bool
    public byte offload_kqv;            // bool
    public byte no_perf;                // bool
    public byte op_offload;             // bool
    public byte swa_full;               // bool
    public byte kv_unified;             // bool
    public Pointer samplers;            // struct llama_sampler_seq_config *
    public long n_samplers;             // size_t
    public Pointer ctx_other;           // struct llama_context *

    /** The by-value form llama.cpp's functions take and return. */
    public static class ByValue extends LlamaContextParams implements Structure.ByValue {
    }
}
