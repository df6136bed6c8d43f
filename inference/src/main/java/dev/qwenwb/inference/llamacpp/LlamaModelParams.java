package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct llama_model_params} of llama.cpp tag v0.4.0 ({@code include/llama.h}), field for field. C
 * {@code bool} is one byte ({@code byte} here: JNA would map {@code boolean} to a 4-byte int), enums are
 * {@code int}. On x86-64 (System V and Windows) and arm64: 80 bytes, offsets in
 * {@code LlamaStructLayoutTest}, which compares them with what a C compiler gave for that header.
 * Passed and returned by value ({@link ByValue}).
 */
@Structure.FieldOrder({"devices", "tensor_buft_overrides", "n_gpu_layers", "split_mode", "load_mode", "lazy_mode",
        "main_gpu", "tensor_split", "progress_callback", "progress_callback_user_data", "kv_overrides", "vocab_only",
        "check_tensors", "use_extra_bufts", "no_host", "no_alloc", "load_mtp"})
public class LlamaModelParams extends Structure {

    /** {@code enum llama_load_mode}: read the file into memory, no mmap (as the reference harness loads). */
    public static final int LOAD_MODE_NONE = 0;
    /** {@code enum llama_load_mode}: memory-map the file. */
    public static final int LOAD_MODE_MMAP = 1;
    /** {@code enum llama_lazy_mode}: read every tensor up front. */
    public static final int LAZY_MODE_OFF = 0;

    public Pointer devices;                     // ggml_backend_dev_t *, NULL = all devices
    public Pointer tensor_buft_overrides;       // const struct llama_model_tensor_buft_override *
    public int n_gpu_layers;                    // int32_t
    public int split_mode;                      // enum llama_split_mode
    public int load_mode;                       // enum llama_load_mode
    public int lazy_mode;                       // enum llama_lazy_mode
    public int main_gpu;                        // int32_t
    public Pointer tensor_split;                // const float *
    public Pointer progress_callback;           // llama_progress_callback
    public Pointer progress_callback_user_data; // void *
    public Pointer kv_overrides;                // const struct llama_model_kv_override *
    public byte vocab_only;                     // bool
    public byte check_tensors;                  // bool
    public byte use_extra_bufts;                // bool (weight repacking for the CPU kernels)
    public byte no_host;                        // bool
    public byte no_alloc;                       // bool
    public byte load_mtp;                       // bool

    /** The by-value form llama.cpp's functions take and return. */
    public static class ByValue extends LlamaModelParams implements Structure.ByValue {
    }
}
