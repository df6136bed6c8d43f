package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of llama.cpp's C API ({@code include/llama.h} of tag v0.4.0, the one node-llama-cpp 3.21.1 builds)
 * the GGUF engine calls, through JNA. Pointers to opaque llama.cpp objects are plain {@link Pointer}s.
 *
 * <p>C {@code bool} arguments and results are {@code byte} (one byte, as the C ABI passes them; JNA's
 * {@code boolean} would be a 4-byte int whose upper bytes a {@code bool} result leaves undefined). {@code size_t}
 * is {@code long}. Structures by value: {@link LlamaModelParams.ByValue}, {@link LlamaContextParams.ByValue},
 * {@link LlamaBatch.ByValue}.
 *
 * <p>Not thread-safe beyond what llama.cpp promises: a context is used from one thread at a time.
 */
public interface LlamaLibrary extends Library {

    /** {@code ggml_log_callback}: {@code void (*)(enum ggml_log_level level, const char * text, void * user_data)}. */
    interface LogCallback extends Callback {
        void invoke(int level, Pointer text, Pointer userData);
    }

    String llama_version();

    String llama_print_system_info();

    void llama_backend_init();

    void llama_log_set(LogCallback callback, Pointer userData);

    LlamaModelParams.ByValue llama_model_default_params();

    LlamaContextParams.ByValue llama_context_default_params();

    LlamaQuantizeParams.ByValue llama_model_quantize_default_params();

    /** @return a {@code llama_model *}, or NULL on failure (llama.cpp logs why) */
    Pointer llama_model_load_from_file(String path, LlamaModelParams.ByValue params);

    void llama_model_free(Pointer model);

    /** @return a {@code llama_context *}, or NULL on failure */
    Pointer llama_init_from_model(Pointer model, LlamaContextParams.ByValue params);

    void llama_free(Pointer ctx);

    int llama_n_ctx(Pointer ctx);

    int llama_n_batch(Pointer ctx);

    int llama_n_threads(Pointer ctx);

    int llama_n_threads_batch(Pointer ctx);

    Pointer llama_model_get_vocab(Pointer model);

    int llama_model_n_ctx_train(Pointer model);

    int llama_model_n_embd(Pointer model);

    int llama_model_n_layer(Pointer model);

    long llama_model_size(Pointer model);

    int llama_model_ftype(Pointer model);

    int llama_vocab_n_tokens(Pointer vocab);

    byte llama_vocab_is_eog(Pointer vocab, int token);

    int llama_vocab_eos(Pointer vocab);

    int llama_vocab_bos(Pointer vocab);

    /** The token's text as stored in the vocabulary (not valid UTF-8 for byte-level pieces). */
    Pointer llama_vocab_get_text(Pointer vocab, int token);

    /** @return the memory (KV cache) of a context */
    Pointer llama_get_memory(Pointer ctx);

    void llama_memory_clear(Pointer memory, byte data);

    /** Removes positions [p0, p1) of a sequence ({@code p1 < 0}: to the end); 0 if a partial removal is refused. */
    byte llama_memory_seq_rm(Pointer memory, int seqId, int p0, int p1);

    int llama_memory_seq_pos_max(Pointer memory, int seqId);

    /** 0 on success, 1 no KV slot, 2 aborted, -1 invalid batch, below -1 fatal. */
    int llama_decode(Pointer ctx, LlamaBatch.ByValue batch);

    /** The logits of output {@code i} of the last decode ({@code -1}: the last one), {@code n_vocab} floats. */
    Pointer llama_get_logits_ith(Pointer ctx, int i);

    /** @return the token count, or minus the count that would be needed if {@code nTokensMax} is too small */
    int llama_tokenize(Pointer vocab, byte[] text, int textLen, int[] tokens, int nTokensMax, byte addSpecial,
                       byte parseSpecial);

    /** @return the piece's length in bytes, or minus the length needed if {@code length} is too small */
    int llama_token_to_piece(Pointer vocab, int token, byte[] buf, int length, int lstrip, byte special);

    /** @return 0 on success */
    int llama_model_quantize(String inputPath, String outputPath, LlamaQuantizeParams params);
}
