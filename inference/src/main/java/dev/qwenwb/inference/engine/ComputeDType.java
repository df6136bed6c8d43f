package dev.qwenwb.inference.engine;

import java.util.Locale;

/** The precision the weights are held and multiplied in. Norms, residual stream, RoPE and attention stay f32. */
public enum ComputeDType {
    F32,
    F16,
    /** Only where the device supports it (CUDA); never converted with PyTorch on the CPU engine. */
    BF16;

    /** Parses {@code f32|f16|bf16} (case-insensitive; {@code float32}, {@code float16}, {@code bfloat16} too). */
    public static ComputeDType parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "f32": case "fp32": case "float32": return F32;
            case "f16": case "fp16": case "float16": case "half": return F16;
            case "bf16": case "bfloat16": return BF16;
            default:
                throw new IllegalArgumentException("unknown dtype '" + s + "': expected f32, f16 or bf16");
        }
    }

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
