package dev.qwenwb.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for one conversation, allocated once at full capacity and written in place.
 * {@link #length()} positions are valid; the next forward writes at {@code length()}.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;   // per layer (Hkv, capacity, D) f32
    private final NDArray[] values; // per layer (Hkv, capacity, D) f32
    private final int capacity;
    private int length;

    public KvCache(NDManager parent, int layers, int kvHeads, int headDim, int capacity) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        Shape shape = new Shape(kvHeads, capacity, headDim);
        for (int i = 0; i < layers; i++) {
            keys[i] = manager.zeros(shape, DataType.FLOAT32);
            values[i] = manager.zeros(shape, DataType.FLOAT32);
        }
    }

    public NDArray keys(int layer) {
        return keys[layer];
    }

    public NDArray values(int layer) {
        return values[layer];
    }

    /** Positions the cache can hold. */
    public int capacity() {
        return capacity;
    }

    /** Valid positions. */
    public int length() {
        return length;
    }

    /** Keeps the first {@code n} positions (for reusing a shared prefix); the rest is overwritten later. */
    public void truncate(int n) {
        if (n < 0 || n > length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + n);
        }
        length = n;
    }

    void advance(int n) {
        length += n;
    }

    /** Device bytes held. */
    public long bytes() {
        return 2L * keys.length * keys[0].size() * 4;
    }

    @Override
    public void close() {
        manager.close();
    }
}
