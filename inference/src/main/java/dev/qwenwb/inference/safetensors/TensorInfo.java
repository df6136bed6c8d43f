package dev.qwenwb.inference.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name      the tensor name, e.g. {@code model.norm.weight}
 * @param dtype     element type
 * @param shape     dimensions, outermost first (row-major)
 * @param dataStart first byte, relative to the start of the data section (as in the header)
 * @param dataEnd   one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, TensorDType dtype, long[] shape, long dataStart, long dataEnd) {

    /** Copies {@code shape} so the record stays a value. */
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    /** @return a copy of the dimensions */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the product of the dimensions (1 for a scalar) */
    public long elementCount() {
        return elementCount(shape);
    }

    /** @return {@code dataEnd - dataStart} */
    public long byteLength() {
        return dataEnd - dataStart;
    }

    /**
     * @param shape dimensions
     * @return their product, 1 for an empty shape
     * @throws ArithmeticException on overflow
     */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && dataStart == t.dataStart && dataEnd == t.dataEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataStart, dataEnd);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + dataStart + "," + dataEnd + ")";
    }
}
