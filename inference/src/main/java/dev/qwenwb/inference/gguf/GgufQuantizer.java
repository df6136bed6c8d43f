package dev.qwenwb.inference.gguf;

import dev.qwenwb.inference.llamacpp.LlamaLibrary;
import dev.qwenwb.inference.llamacpp.LlamaNatives;
import dev.qwenwb.inference.llamacpp.LlamaQuantizeParams;
import dev.qwenwb.inference.model.ModelLoadException;
import java.nio.file.Path;

/**
 * llama.cpp's own quantizer ({@code llama_model_quantize}, what {@code llama-quantize} runs): turns an f32/f16 GGUF
 * into a k-quant such as q4_K_M, for benchmarks of the formats users download. The input is checked as a qwen2 GGUF
 * first. Runs on the caller's thread (llama.cpp's quantizer keeps no state; it takes seconds to minutes).
 */
public final class GgufQuantizer {

    private GgufQuantizer() {
    }

    /**
     * Writes {@code out} from {@code in}.
     *
     * @param ftype   {@code enum llama_ftype}, e.g. {@link LlamaQuantizeParams#FTYPE_Q4_K_M}
     * @param threads quantizing threads (0: all)
     * @throws ModelLoadException if {@code in} is not a usable qwen2 GGUF or llama.cpp fails
     */
    public static void quantize(Path in, Path out, int ftype, int threads) {
        Qwen2Gguf.check(GgufFile.read(in));
        LlamaLibrary llama = LlamaNatives.get().llama();
        LlamaQuantizeParams.ByValue defaults = llama.llama_model_quantize_default_params();
        LlamaQuantizeParams p = new LlamaQuantizeParams(); // passed by pointer
        p.nthread = threads;
        p.ftype = ftype;
        p.output_tensor_type = defaults.output_tensor_type;
        p.token_embedding_type = defaults.token_embedding_type;
        p.quantize_output_tensor = defaults.quantize_output_tensor;
        p.allow_requantize = defaults.allow_requantize;
        int rc = llama.llama_model_quantize(in.toAbsolutePath().toString(), out.toAbsolutePath().toString(), p);
        if (rc != 0) {
            throw new ModelLoadException(in, "llama.cpp could not quantize it to " + out + " (code " + rc + ")");
        }
    }
}
