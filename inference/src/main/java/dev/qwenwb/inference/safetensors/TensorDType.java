package dev.qwenwb.inference.safetensors;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The element types this project reads and writes in safetensors files. */
public enum TensorDType {
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary16. */
    F16(2),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(2);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** @return bytes per element */
    public int byteSize() {
        return byteSize;
    }

    /** @return the name safetensors headers use, e.g. {@code "BF16"} */
    public String safetensorsName() {
        return name();
    }

    /**
     * @param s a safetensors dtype name such as {@code "BF16"}
     * @return the matching dtype
     * @throws IllegalArgumentException naming the dtype and the supported ones if it is not one of them
     */
    public static TensorDType fromSafetensors(String s) {
        for (TensorDType t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + s + "'; supported: " + supportedNames());
    }

    /** @return the supported names, comma separated ({@code "F32, F16, BF16"}) */
    public static String supportedNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
