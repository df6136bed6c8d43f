package dev.qwenwb.inference.gguf;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@link SafetensorsToGguf} can write: {@code f32} and {@code f16} directly, {@code q8_0} and {@code q4_K_M}
 * through llama.cpp's quantizer from an f32/f16 intermediate. Matrices take the type; norms and biases stay f32, as
 * {@code convert_hf_to_gguf.py} and {@code llama-quantize} leave them.
 */
public enum GgufOutputType {
    /** Every tensor f32: the checkpoint's values exactly (BF16 and F16 widen without loss). */
    F32("f32", 0, GgmlType.F32),
    /** Matrices f16 (round to nearest even), norms and biases f32. */
    F16("f16", 1, GgmlType.F16),
    /** llama.cpp's q8_0: 8-bit blocks of 32 with an f16 scale. */
    Q8_0("q8_0", 7, null),
    /** llama.cpp's q4_K_M: 4-bit k-quants, some tensors in q6_K. */
    Q4_K_M("q4_K_M", 15, null);

    private final String label;
    private final int fileType;
    private final GgmlType matrixType;

    GgufOutputType(String label, int fileType, GgmlType matrixType) {
        this.label = label;
        this.fileType = fileType;
        this.matrixType = matrixType;
    }

    /** @return the name the command line takes and file names carry, e.g. {@code q4_K_M} */
    public String label() {
        return label;
    }

    /** @return {@code general.file_type}, llama.cpp's {@code enum llama_ftype} */
    public int fileType() {
        return fileType;
    }

    /** @return true for the types llama.cpp's quantizer makes from an intermediate file */
    public boolean quantized() {
        return matrixType == null;
    }

    /** @return the ggml type of matrices written directly (f32, f16); null for quantized types */
    GgmlType matrixType() {
        return matrixType;
    }

    /**
     * Bytes of {@code elements} matrix values in this type, at most (q4_K_M mixes q4_K and q6_K; its bound is q6_K).
     */
    long matrixBytes(long elements) {
        return switch (this) {
            case F32 -> 4 * elements;
            case F16 -> 2 * elements;
            case Q8_0 -> elements / 32 * 34 + 34;
            case Q4_K_M -> elements / 256 * 210 + 210;
        };
    }

    /**
     * @param s {@code f32}, {@code f16}, {@code q8_0} or {@code q4_K_M} (any case)
     * @throws IllegalArgumentException naming the value and the types there are
     */
    public static GgufOutputType parse(String s) {
        for (GgufOutputType t : values()) {
            if (t.label.equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("--type " + s + ": expected one of " + names());
    }

    /** @return {@code f32, f16, q8_0, q4_K_M} */
    public static String names() {
        return Arrays.stream(values()).map(GgufOutputType::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
