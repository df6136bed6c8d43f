package dev.qwenwb.inference.gguf;

import java.util.Arrays;

/**
 * One tensor of a GGUF file.
 *
 * @param name   e.g. {@code blk.0.attn_q.weight}
 * @param dims   ggml's {@code ne}: {@code dims[0]} is the contiguous dimension (the reverse of PyTorch's shape)
 * @param type   element type
 * @param offset byte offset from the start of the data section
 * @param bytes  byte size
 */
public record GgufTensor(String name, long[] dims, GgmlType type, long offset, long bytes) {

    public GgufTensor {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** @return the number of elements */
    public long elements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** @return whether the dims are exactly {@code expected} */
    public boolean hasDims(long... expected) {
        return Arrays.equals(dims, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensor t && t.name.equals(name) && Arrays.equals(t.dims, dims) && t.type == type
                && t.offset == offset && t.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(dims) + " " + type.label() + " @" + offset;
    }
}
