package dev.qwenwb.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import dev.qwenwb.inference.model.ModelConfig;

/**
 * The Qwen2 forward pass (as transformers' {@code modeling_qwen2.py}) on DJL arrays.
 *
 * <p>Shapes: T new tokens, S = cached + new positions, H hidden, Hq query heads, Hkv key/value heads,
 * G = Hq / Hkv, D head dim, I intermediate, V vocab. The residual stream, RMSNorm, RoPE and attention are f32;
 * the matrix products run in the weights' dtype. Not thread-safe: call from the one model thread.
 */
public final class Qwen2Model implements AutoCloseable {

    private final ModelConfig config;
    private final Qwen2Weights weights;
    private final NDManager manager;
    private final RopeTables rope;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float eps;

    public Qwen2Model(ModelConfig config, Qwen2Weights weights, NDManager manager, int maxPositions) {
        this.config = config;
        this.weights = weights;
        this.manager = manager;
        this.heads = config.numAttentionHeads();
        this.kvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.eps = (float) config.rmsNormEps();
        this.rope = new RopeTables(manager, headDim, config.ropeTheta(), maxPositions);
    }

    public ModelConfig config() {
        return config;
    }

    public Qwen2Weights weights() {
        return weights;
    }

    /** A cache for {@code capacity} positions (≤ the positions the RoPE tables were built for). */
    public KvCache newCache(int capacity) {
        if (capacity > rope.maxPositions()) {
            throw new IllegalArgumentException("cache of " + capacity + " positions exceeds " + rope.maxPositions());
        }
        return new KvCache(manager, config.numHiddenLayers(), kvHeads, headDim, capacity);
    }

    /**
     * Runs {@code ids} at positions {@code cache.length() …}, appends their keys/values to the cache and returns
     * the logits of the last position ({@code allPositions=false}, shape (V)) or of every new position
     * (shape (T, V)), as f32 host arrays flattened row-major.
     */
    public float[] forward(int[] ids, KvCache cache, boolean allPositions) {
        int t = ids.length;
        int start = cache.length();
        if (t == 0) {
            throw new IllegalArgumentException("no tokens to run");
        }
        if (start + t > cache.capacity()) {
            throw new IllegalArgumentException("positions " + start + ".." + (start + t - 1)
                    + " do not fit a context of " + cache.capacity() + " tokens");
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long[] longIds = new long[t];
            for (int i = 0; i < t; i++) {
                longIds[i] = ids[i];
            }
            NDArray idArray = manager.create(longIds);                                               // (T)
            NDArray x = f32(Embedding.embedding(idArray, weights.embed(), SparseFormat.DENSE).head()); // (T, H)
            NDArray mask = t > 1 ? causalMask(t, start) : null;                                      // (T, S)
            NDArray cos = rope.cos(start, t);                                                         // (T, 1, D)
            NDArray sin = rope.sin(start, t);                                                         // (T, 1, D)
            for (int l = 0; l < weights.layerCount(); l++) {
                Qwen2Weights.Layer w = weights.layer(l);
                x = x.add(attention(rmsNorm(x, w.inputNorm()), w, cache, l, start, cos, sin, mask));
                x = x.add(mlp(rmsNorm(x, w.postNorm()), w));
            }
            NDArray last = allPositions ? x : x.get(new NDIndex("{}:", t - 1));                      // (T|1, H)
            NDArray h = rmsNorm(last, weights.finalNorm());
            NDArray logits = f32(Linear.linear(cast(h), weights.lmHead()).head());                   // (T|1, V)
            cache.advance(t);
            return logits.toFloatArray();
        }
    }

    private NDArray attention(NDArray xn, Qwen2Weights.Layer w, KvCache cache, int layer, int start,
                              NDArray cos, NDArray sin, NDArray mask) {
        int t = (int) xn.getShape().get(0);
        int s = start + t;
        int g = heads / kvHeads;
        NDArray qkv = f32(Linear.linear(cast(xn), w.qkvWeight(), w.qkvBias()).head())
                .reshape(t, heads + 2L * kvHeads, headDim);                                  // (T, Hq+2Hkv, D)
        NDArray qk = rope.apply(qkv.get(new NDIndex(":, :{}", heads + kvHeads)), cos, sin);  // (T, Hq+Hkv, D)
        NDArray q = qk.get(new NDIndex(":, :{}", heads)).transpose(1, 0, 2);                 // (Hq, T, D)
        NDArray k = qk.get(new NDIndex(":, {}:", heads)).transpose(1, 0, 2);                 // (Hkv, T, D)
        NDArray v = qkv.get(new NDIndex(":, {}:", heads + kvHeads)).transpose(1, 0, 2);      // (Hkv, T, D)
        NDIndex newRows = new NDIndex(":, {}:{}", start, s);
        cache.keys(layer).set(newRows, k);
        cache.values(layer).set(newRows, v);
        NDIndex valid = new NDIndex(":, :{}", s);
        NDArray keys = cache.keys(layer).get(valid);                                          // (Hkv, S, D)
        NDArray values = cache.values(layer).get(valid);                                      // (Hkv, S, D)
        // query head h uses key head h / G: group the G query heads of one key head into rows
        NDArray scores = q.reshape(kvHeads, (long) g * t, headDim)
                .matMul(keys.transpose(0, 2, 1))
                .mul(1.0 / Math.sqrt(headDim));                                               // (Hkv, G T, S)
        if (mask != null) {
            scores = scores.reshape(kvHeads, g, t, s).add(mask).reshape(kvHeads, (long) g * t, s);
        }
        NDArray out = scores.softmax(-1).matMul(values)                                       // (Hkv, G T, D)
                .reshape(heads, t, headDim)
                .transpose(1, 0, 2)
                .reshape(t, (long) heads * headDim);                                          // (T, Hq D)
        return f32(Linear.linear(cast(out), w.oWeight()).head());                             // (T, H)
    }

    private NDArray mlp(NDArray xn, Qwen2Weights.Layer w) {
        NDList gateUp = Linear.linear(cast(xn), w.gateUpWeight()).head()
                .split(new long[] {config.intermediateSize()}, 1);                            // 2 × (T, I)
        NDArray h = Activation.swish(gateUp.get(0), 1f).mul(gateUp.get(1));                   // (T, I)
        return f32(Linear.linear(h, w.downWeight()).head());                                  // (T, H)
    }

    /** x / sqrt(mean(x²) + eps) · w, in f32. */
    private NDArray rmsNorm(NDArray x, NDArray w) {
        NDArray variance = x.square().mean(new int[] {x.getShape().dimension() - 1}, true);
        return x.div(variance.add(eps).sqrt()).mul(w);
    }

    /** (T, S): 0 where position start+i may see j, -inf after it. */
    private NDArray causalMask(int t, int start) {
        int s = start + t;
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = start + i + 1; j < s; j++) {
                m[i * s + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(m, new ai.djl.ndarray.types.Shape(t, s));
    }

    private NDArray cast(NDArray x) {
        return x.getDataType() == weights.dtype() ? x : x.toType(weights.dtype(), false);
    }

    private static NDArray f32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        rope.close();
    }
}
