package dev.qwenwb.inference.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor to write: element type, shape and its little-endian bytes.
 *
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param bytes exactly {@code elementCount * dtype.byteSize()} bytes between position and limit
 */
public record TensorData(TensorDType dtype, long[] shape, ByteBuffer bytes) {

    /** Checks that the byte count matches dtype and shape. */
    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long expected = TensorInfo.elementCount(shape) * dtype.byteSize();
        if (bytes.remaining() != expected) {
            throw new IllegalArgumentException(dtype + Arrays.toString(shape) + " needs " + expected
                    + " bytes, got " + bytes.remaining());
        }
        bytes = bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a copy of the dimensions */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return a fresh read-only view of the bytes (position 0 of the view, little-endian) */
    @Override
    public ByteBuffer bytes() {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Encodes floats as {@code target} (rounding to nearest even for F16/BF16).
     *
     * @param target element type to store
     * @param shape  dimensions; their product must equal {@code values.length}
     * @param values row-major values
     * @return the tensor
     */
    public static TensorData ofFloats(TensorDType target, long[] shape, float[] values) {
        if (TensorInfo.elementCount(shape) != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
                    + TensorInfo.elementCount(shape) + " elements, got " + values.length + " values");
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * target.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        HalfFloats.encode(target, values, 0, values.length, buf);
        buf.flip();
        return new TensorData(target, shape, buf);
    }
}
