package dev.qwenwb.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import dev.qwenwb.inference.model.ModelConfig;

/**
 * The Qwen2 forward pass (as transformers' {@code modeling_qwen2.py}) on DJL arrays.
 *
 * <p>Shapes: T new tokens, S = cached + new positions, H hidden, Hq query heads, Hkv key/value heads,
 * G = Hq / Hkv, D head dim, I intermediate, V vocab, R = Hq + 2 Hkv rows of the fused q/k/v projection.
 * The residual stream, RMSNorm, RoPE and attention are f32; matrix products run in the weights' dtype, except
 * that a prompt of {@value #PREFILL_F32_ROWS}+ tokens multiplies half-precision weights widened to f32 where that is
 * faster (on one AMD EPYC a CPU GEMM is about twice as fast in f32; {@link PrecisionProbe} measures it). Every native call costs microseconds, so the decode step is written
 * for few calls. Not thread-safe: call from the one model thread.
 */
public final class Qwen2Model implements AutoCloseable {

    /** From this many new tokens on, half-precision weights are widened to f32 for the product. */
    static final int PREFILL_F32_ROWS = 16;

    /** Output rows of a half-precision matrix widened at a time during prefill. */
    static final int WIDEN_BLOCK_ROWS = 512;

    private final ModelConfig config;
    private final Qwen2Weights weights;
    private final NDManager manager;
    private final RopeTables rope;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final boolean widenPrefill;
    private final NDArray epsArray; // (1) f32
    private static final int[] LAST_AXIS = {1};

    public Qwen2Model(ModelConfig config, Qwen2Weights weights, NDManager manager, int maxPositions) {
        this(config, weights, manager, maxPositions, true);
    }

    /**
     * @param widenPrefill with half-precision weights, multiply prompts of {@value #PREFILL_F32_ROWS}+ tokens by
     *                     weights widened to f32 (true: the faster path where the CPU's f32 GEMM is faster) or in
     *                     half precision (false); see {@link PrecisionProbe}
     */
    public Qwen2Model(ModelConfig config, Qwen2Weights weights, NDManager manager, int maxPositions,
                      boolean widenPrefill) {
        this.widenPrefill = widenPrefill;
        this.config = config;
        this.weights = weights;
        this.manager = manager;
        this.heads = config.numAttentionHeads();
        this.kvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.epsArray = manager.create(new float[] {(float) config.rmsNormEps()});
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
            Step step = new Step(t, start, t > 1 ? causalMask(t, start) : null);
            for (int l = 0; l < weights.layerCount(); l++) {
                x = layer(x, l, cache, step);
            }
            NDArray last = allPositions || t == 1 ? x : x.get(new NDIndex("{}:", t - 1));           // (T|1, H)
            NDArray h = rmsNorm(last).mul(weights.finalNorm());
            NDArray logits = linear(h, weights.lmHead(), null, allPositions && step.wide);          // (T|1, V)
            cache.advance(t);
            return logits.toFloatArray();
        }
    }

    /**
     * One decoder layer in a scope of its own: its intermediates are freed as soon as it is done, which keeps the
     * native heap from fragmenting during a long prefill.
     */
    private NDArray layer(NDArray x, int l, KvCache cache, Step step) {
        Qwen2Weights.Layer w = weights.layer(l);
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray h = x.add(attention(rmsNorm(x), w, cache, l, step));
            out = h.add(mlp(rmsNorm(h), w, step));
            NDScope.unregister(out);
        }
        NDScope.register(out); // owned by the forward's scope from here
        return out;
    }

    /** What every layer of one forward shares: sizes, the causal mask and the RoPE tables of its positions. */
    private final class Step {
        final int t;
        final int start;
        final NDArray mask;   // (T, S) or null for one token
        final NDArray cos;    // (T, R, D): the positions' cosines on q/k rows, 1 on v rows
        final NDArray sin;    // (T, R, D): the positions' sines on q/k rows, 0 on v rows
        final boolean wide;   // widen half-precision weights for this many rows

        Step(int t, int start, NDArray mask) {
            this.t = t;
            this.start = start;
            this.mask = mask;
            this.wide = t >= PREFILL_F32_ROWS && widenPrefill;
            Shape qk = new Shape(t, heads + kvHeads, headDim);
            Shape v = new Shape(t, kvHeads, headDim);
            this.cos = rope.cos(start, t).broadcast(qk).concat(manager.ones(v), 1);
            this.sin = rope.sin(start, t).broadcast(qk).concat(manager.zeros(v), 1);
        }
    }

    private NDArray attention(NDArray xn, Qwen2Weights.Layer w, KvCache cache, int layer, Step step) {
        int t = step.t;
        int s = step.start + t;
        int g = heads / kvHeads;
        NDArray qkv = linear(xn, w.qkvWeight(), w.qkvBias(), step.wide)
                .reshape(t, heads + 2L * kvHeads, headDim);                                   // (T, R, D)
        NDList parts = rope.apply(qkv, step.cos, step.sin)
                .split(new long[] {heads, heads + kvHeads}, 1);                               // (T, Hq|Hkv|Hkv, D)
        NDArray q = parts.get(0).transpose(1, 0, 2);                                          // (Hq, T, D), scaled
        NDIndex newRows = new NDIndex().addAllDim().addSliceDim(step.start, s);  // built, not parsed: it runs per layer
        cache.keys(layer).set(newRows, parts.get(1).transpose(1, 0, 2));                      // (Hkv, T, D)
        cache.values(layer).set(newRows, parts.get(2).transpose(1, 0, 2));
        NDIndex valid = new NDIndex().addAllDim().addSliceDim(0, s);
        NDArray keys = cache.keys(layer).get(valid);                                          // (Hkv, S, D)
        NDArray values = cache.values(layer).get(valid);                                      // (Hkv, S, D)
        // query head h uses key head h / G: the G query heads of one key head become rows
        NDArray scores = q.reshape(kvHeads, (long) g * t, headDim)
                .matMul(keys.transpose(0, 2, 1));                                             // (Hkv, G T, S)
        if (step.mask != null) {
            scores = scores.reshape(kvHeads, g, t, s).add(step.mask).reshape(kvHeads, (long) g * t, s);
        }
        NDArray out = scores.softmax(-1).matMul(values);                                      // (Hkv, G T, D)
        out = t == 1 ? out.reshape(1, (long) heads * headDim)
                : out.reshape(heads, t, headDim).transpose(1, 0, 2).reshape(t, (long) heads * headDim); // (T, Hq D)
        return linear(out, w.oWeight(), null, step.wide);                                     // (T, H)
    }

    private NDArray mlp(NDArray xn, Qwen2Weights.Layer w, Step step) {
        int inter = config.intermediateSize();
        if (step.wide || weights.dtype() == DataType.FLOAT32) {
            NDList gateUp = linear(xn, w.gateUpWeight(), null, step.wide).split(new long[] {inter}, 1); // 2 × (T, I)
            NDArray h = silu(gateUp.get(0)).mul(gateUp.get(1));                                      // (T, I)
            return linear(h, w.downWeight(), null, step.wide);                                       // (T, H)
        }
        // half precision end to end inside the MLP: one cast in, one out
        NDList gateUp = Linear.linear(xn.toType(weights.dtype(), false), w.gateUpWeight()).head()
                .split(new long[] {inter}, 1);
        NDArray h = silu(gateUp.get(0)).mul(gateUp.get(1));
        return f32(Linear.linear(h, w.downWeight()).head());
    }

    /**
     * x·Wᵀ + b with an f32 result. f32 weights: one product. Half-precision weights: the input is narrowed, or
     * for many rows ({@code wide}) the weights are widened, as the faster product on a CPU.
     */
    private NDArray linear(NDArray x, NDArray w, NDArray b, boolean wide) {
        if (w.getDataType() == DataType.FLOAT32) {
            return b == null ? Linear.linear(x, w).head() : Linear.linear(x, w, b).head();
        }
        if (wide) {
            return widenedLinear(x, w, b);
        }
        NDArray xh = x.toType(w.getDataType(), false);
        return f32(b == null ? Linear.linear(xh, w).head() : Linear.linear(xh, w, b).head());
    }

    /**
     * x·Wᵀ + b for half-precision W, widened to f32 {@value #WIDEN_BLOCK_ROWS} output rows at a time: a block stays
     * in cache between its conversion and its product (measured ~1.6× faster than widening the whole matrix), and
     * is freed at once, so prefill never holds an f32 copy of the model.
     */
    private NDArray widenedLinear(NDArray x, NDArray w, NDArray b) {
        long rows = w.getShape().get(0);
        NDList outs = new NDList();
        for (long r = 0; r < rows; r += WIDEN_BLOCK_ROWS) {
            try (NDArray block = w.get(new NDIndex().addSliceDim(r, Math.min(rows, r + WIDEN_BLOCK_ROWS)));
                 NDArray block32 = block.toType(DataType.FLOAT32, false)) {
                outs.add(Linear.linear(x, block32).head());                                   // (T, block)
            }
        }
        NDArray out = outs.size() == 1 ? outs.head() : NDArrays.concat(outs, 1);              // (T, rows)
        if (outs.size() > 1) {
            outs.close();
        }
        return b == null ? out : out.add(b.toType(DataType.FLOAT32, false));
    }

    /**
     * x / sqrt(mean(x²) + eps) in f32; the norm's weight is folded into the next matrix. eps is a one-element
     * array made once: a Java scalar would cost a native array per call.
     */
    private NDArray rmsNorm(NDArray x) {
        NDArray meanSquare = x.square().mean(LAST_AXIS, true);                                 // (T, 1)
        return x.div(meanSquare.add(epsArray).sqrt());
    }

    /** SiLU(g) = g·σ(g), two native calls. */
    private static NDArray silu(NDArray g) {
        return Activation.sigmoid(g).mul(g);
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
        return manager.create(m, new Shape(t, s));
    }

    private static NDArray f32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        rope.close();
    }
}
