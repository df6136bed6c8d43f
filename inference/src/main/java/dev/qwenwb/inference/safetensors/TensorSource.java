package dev.qwenwb.inference.safetensors;

import java.nio.ByteBuffer;
import java.util.Set;

/** A set of named tensors, possibly spread over several shard files. Closing releases the files. */
public interface TensorSource extends AutoCloseable {

    /** @return the names of all tensors, in file order where there is one */
    Set<String> names();

    /**
     * @param name tensor name
     * @return its header entry
     * @throws SafetensorsException naming the tensor and the file(s) if absent
     */
    TensorInfo info(String name);

    /**
     * @param name tensor name
     * @return a read-only, little-endian view of the tensor's bytes in the memory map (no copy),
     *     position 0, limit = byte length
     * @throws SafetensorsException if absent, or if the tensor is over 2 GiB
     */
    ByteBuffer data(String name);

    /**
     * Copies the tensor's bytes from {@code offset} into {@code dst} until it is full, advancing it. Unlike
     * {@link #data(String)} this need not map the file, so a loader streaming a checkpoint through a small buffer does
     * not leave the whole file resident in memory.
     *
     * @param name   tensor name
     * @param offset byte offset within the tensor
     * @param dst    destination; {@code dst.remaining()} bytes are read
     */
    default void read(String name, long offset, ByteBuffer dst) {
        ByteBuffer src = data(name);
        src.position(Math.toIntExact(offset)).limit(Math.toIntExact(offset) + dst.remaining());
        dst.put(src);
    }

    /**
     * Reads a tensor into a new float array, converting BF16/F16. For tests, reference code and
     * small tensors; the engine should use {@link #data(String)}.
     *
     * @param name tensor name
     * @return row-major values
     */
    default float[] readF32(String name) {
        TensorInfo info = info(name);
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + n + " elements, too many for a float[]");
        }
        float[] out = new float[(int) n];
        HalfFloats.decode(info.dtype(), data(name), out);
        return out;
    }

    /** Releases the files. Buffers handed out before must not be used afterwards. */
    @Override
    void close();
}
