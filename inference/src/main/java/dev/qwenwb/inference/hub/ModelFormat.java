package dev.qwenwb.inference.hub;

/** How a model's weights are stored. */
public enum ModelFormat {
    /** Hugging Face {@code *.safetensors} (with {@code config.json}): the DJL engine. */
    SAFETENSORS("safetensors"),
    /** llama.cpp's {@code *.gguf}, often quantized (q8_0, q4_K_M, …). */
    GGUF("GGUF"),
    /** Neither (an incomplete download, or another format). */
    UNKNOWN("?");

    private final String label;

    ModelFormat(String label) {
        this.label = label;
    }

    /** @return a short label for lists: {@code safetensors}, {@code GGUF} */
    public String label() {
        return label;
    }
}
