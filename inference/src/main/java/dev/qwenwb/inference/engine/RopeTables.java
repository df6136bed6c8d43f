package dev.qwenwb.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding, NeoX / rotate-half form: x·cos + rotate_half(x)·sin, with
 * rotate_half(x) = [-x₂, x₁] over the two halves of the head dimension. Angles are computed in f32 as
 * transformers does ({@code inv_freq = 1 / theta^(2i/D)}, {@code freqs = t · inv_freq}).
 */
final class RopeTables implements AutoCloseable {

    private final NDManager manager;
    private final NDArray cos;    // (P, 1, D)
    private final NDArray sin;    // (P, 1, D)
    private final NDArray rotate; // (D, D): x @ rotate == rotate_half(x)
    private final int maxPositions;

    RopeTables(NDManager parent, int headDim, double theta, int maxPositions) {
        this.manager = parent.newSubManager();
        this.maxPositions = maxPositions;
        int half = headDim / 2;
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            invFreq[i] = (float) (1.0 / Math.pow(theta, (float) (2 * i) / headDim));
        }
        float[] c = new float[maxPositions * headDim];
        float[] s = new float[maxPositions * headDim];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) p * invFreq[i];
                float cv = (float) Math.cos(angle);
                float sv = (float) Math.sin(angle);
                c[p * headDim + i] = cv;
                c[p * headDim + i + half] = cv;
                s[p * headDim + i] = sv;
                s[p * headDim + i + half] = sv;
            }
        }
        float[] r = new float[headDim * headDim];
        for (int j = 0; j < half; j++) {
            r[(j + half) * headDim + j] = -1f; // out[j] = -x[j + D/2]
            r[j * headDim + j + half] = 1f;    // out[j + D/2] = x[j]
        }
        this.cos = manager.create(c, new Shape(maxPositions, 1, headDim));
        this.sin = manager.create(s, new Shape(maxPositions, 1, headDim));
        this.rotate = manager.create(r, new Shape(headDim, headDim));
    }

    int maxPositions() {
        return maxPositions;
    }

    /** (T, 1, D) cosines for positions start … start+T-1. */
    NDArray cos(int start, int t) {
        return cos.get(new NDIndex("{}:{}", start, start + t));
    }

    NDArray sin(int start, int t) {
        return sin.get(new NDIndex("{}:{}", start, start + t));
    }

    /** x (T, N, D) rotated by the tables of its positions. */
    NDArray apply(NDArray x, NDArray cosT, NDArray sinT) {
        return x.mul(cosT).add(x.matMul(rotate).mul(sinT));
    }

    @Override
    public void close() {
        manager.close();
    }
}
