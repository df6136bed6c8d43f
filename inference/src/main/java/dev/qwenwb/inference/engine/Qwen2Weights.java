package dev.qwenwb.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.Qwen2Layout;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.safetensors.TensorInfo;
import dev.qwenwb.inference.safetensors.TensorSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The weights of a Qwen2ForCausalLM as device arrays, read-only after loading.
 *
 * <p>Shape letters: V vocab, H hidden size, I intermediate size, Hq query heads, Hkv key/value heads, D head dim.
 * Projections are fused so a layer makes three matrix products: q/k/v as one, gate/up as one, and o, down.
 * Matrices and biases are in the compute dtype; norm weights stay f32.
 */
public final class Qwen2Weights implements AutoCloseable {

    /**
     * One decoder layer. The RMSNorm weights are folded into the matrices that follow them
     * (W·(g⊙x̂) = (W·diag(g))·x̂), and the attention scale 1/√D into the query rows (RoPE is linear), so the
     * forward pass needs neither.
     */
    public record Layer(
            NDArray qkvWeight,    // ((Hq + 2 Hkv) D, H): [q/√D; k; v] · diag(input_layernorm)
            NDArray qkvBias,      // ((Hq + 2 Hkv) D): [q/√D; k; v]
            NDArray oWeight,      // (H, Hq D)
            NDArray gateUpWeight, // (2 I, H): [gate; up] · diag(post_attention_layernorm)
            NDArray downWeight) { // (H, I)
    }

    private final NDManager manager;
    private final NDArray embed;     // (V, H)
    private final NDArray lmHead;    // (V, H); the same array as embed when tied
    private final NDArray finalNorm; // (H) f32
    private final Layer[] layers;
    private final DataType dtype;
    private final long bytes;

    private Qwen2Weights(NDManager manager, NDArray embed, NDArray lmHead, NDArray finalNorm, Layer[] layers,
                         DataType dtype, long bytes) {
        this.manager = manager;
        this.embed = embed;
        this.lmHead = lmHead;
        this.finalNorm = finalNorm;
        this.layers = layers;
        this.dtype = dtype;
        this.bytes = bytes;
    }

    /**
     * Copies the tensors of {@code src} to {@code manager}'s device in {@code dtype}. BF16 is widened in Java
     * (PyTorch's BF16 conversion is not used on the CPU engine).
     */
    public static Qwen2Weights load(TensorSource src, ModelConfig c, NDManager manager, DataType dtype) {
        Loader l = new Loader(src, manager, dtype);
        NDArray embed = l.matrix("model.embed_tokens.weight");
        NDArray lmHead = c.tieWordEmbeddings() || !src.names().contains("lm_head.weight")
                ? embed : l.matrix("lm_head.weight");
        Layer[] layers = new Layer[c.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) {
            long qRows = (long) c.numAttentionHeads() * c.headDim();
            double qScale = 1.0 / Math.sqrt(c.headDim());
            NDArray inputNorm = l.f32(Qwen2Layout.layer(i, "input_layernorm.weight"));
            NDArray postNorm = l.f32(Qwen2Layout.layer(i, "post_attention_layernorm.weight"));
            layers[i] = new Layer(
                    l.folded(inputNorm, qRows, qScale, Qwen2Layout.layer(i, "self_attn.q_proj.weight"),
                            Qwen2Layout.layer(i, "self_attn.k_proj.weight"),
                            Qwen2Layout.layer(i, "self_attn.v_proj.weight")),
                    l.folded(null, qRows, qScale, Qwen2Layout.layer(i, "self_attn.q_proj.bias"),
                            Qwen2Layout.layer(i, "self_attn.k_proj.bias"),
                            Qwen2Layout.layer(i, "self_attn.v_proj.bias")),
                    l.matrix(Qwen2Layout.layer(i, "self_attn.o_proj.weight")),
                    l.folded(postNorm, 0, 1, Qwen2Layout.layer(i, "mlp.gate_proj.weight"),
                            Qwen2Layout.layer(i, "mlp.up_proj.weight")),
                    l.matrix(Qwen2Layout.layer(i, "mlp.down_proj.weight")));
            inputNorm.close(); // folded into the matrices above
            postNorm.close();
        }
        NDArray finalNorm = l.f32("model.norm.weight");
        long bytes = bytesOf(embed) + (lmHead == embed ? 0 : bytesOf(lmHead)) + bytesOf(finalNorm);
        for (Layer layer : layers) {
            bytes += bytesOf(layer.qkvWeight()) + bytesOf(layer.qkvBias()) + bytesOf(layer.oWeight())
                    + bytesOf(layer.gateUpWeight()) + bytesOf(layer.downWeight());
        }
        return new Qwen2Weights(manager, embed, lmHead, finalNorm, layers, dtype, bytes);
    }

    private static long bytesOf(NDArray a) {
        return a.size() * a.getDataType().getNumOfBytes();
    }

    public NDArray embed() {
        return embed;
    }

    public NDArray lmHead() {
        return lmHead;
    }

    public NDArray finalNorm() {
        return finalNorm;
    }

    public Layer layer(int i) {
        return layers[i];
    }

    public int layerCount() {
        return layers.length;
    }

    /** The dtype matrices are multiplied in. */
    public DataType dtype() {
        return dtype;
    }

    /** Bytes held on the device by these weights (the tied lm_head counted once). */
    public long bytes() {
        return bytes;
    }

    /** Bytes of weights one decode step reads: every matrix once, plus one embedding row. */
    public long bytesReadPerToken(ModelConfig c) {
        long embedBytes = embed.size() * dtype.getNumOfBytes();
        long rowBytes = (long) c.hiddenSize() * dtype.getNumOfBytes();
        // lm_head reads the whole (V, H) matrix; the input embedding reads one row of it.
        return bytes - embedBytes + rowBytes + lmHead.size() * dtype.getNumOfBytes();
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Reads tensors into device arrays. Checkpoint bytes stream through two small host buffers
     * (read, convert) into arrays the engine allocated, so loading needs little more than the weights themselves,
     * and the checkpoint is read, not mapped, so its pages do not stay resident.
     */
    private static final class Loader {
        private final TensorSource src;
        private final NDManager manager;
        private final DataType dtype;
        private static final int CHUNK_BYTES = 8 << 20;
        private final ByteBuffer[] buffers = new ByteBuffer[2];

        Loader(TensorSource src, NDManager manager, DataType dtype) {
            this.src = src;
            this.manager = manager;
            this.dtype = dtype;
        }

        NDArray matrix(String name) {
            return load(dtype, name);
        }

        NDArray f32(String name) {
            return load(DataType.FLOAT32, name);
        }

        /**
         * Tensors concatenated along axis 0 (row-major: their bytes one after another), computed in f32 as
         * {@code rows[:scaledRows] *= rowScale} and, for a matrix, {@code columns *= columnScale}, then cast.
         */
        NDArray folded(NDArray columnScale, long scaledRows, double rowScale, String... names) {
            NDArray f = load(DataType.FLOAT32, names);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray out = f;
                if (scaledRows > 0) {
                    long rows = f.getShape().get(0);
                    float[] scale = new float[Math.toIntExact(rows)];
                    java.util.Arrays.fill(scale, 0, Math.toIntExact(scaledRows), (float) rowScale);
                    java.util.Arrays.fill(scale, Math.toIntExact(scaledRows), scale.length, 1f);
                    Shape s = f.getShape().dimension() == 2 ? new Shape(rows, 1) : new Shape(rows);
                    out = out.mul(manager.create(scale, s));
                }
                if (columnScale != null) {
                    out = out.mul(columnScale.reshape(1, columnScale.size()));
                }
                if (out.getDataType() != dtype) {
                    out = out.toType(dtype, false);
                }
                if (out == f) {
                    return f;
                }
                NDScope.unregister(out);
                f.close();
                return out;
            }
        }

        private NDArray load(DataType target, String... names) {
            TensorDType to = tensorType(target);
            long[] shape = src.info(names[0]).shape();
            long rows = 0;
            for (String n : names) {
                rows += src.info(n).shape()[0];
            }
            shape[0] = rows;
            long rowElements = 1;
            for (int i = 1; i < shape.length; i++) {
                rowElements *= shape[i];
            }
            NDArray out = manager.create(new Shape(shape), target); // uninitialised: every row is written below
            long row = 0;
            for (String n : names) {
                row = copyRows(n, out, row, rowElements, to, target);
            }
            return out;
        }

        /**
         * Converts tensor {@code name} a few MiB of whole rows at a time into rows {@code row…} of {@code out}.
         * Narrowing to f16 is left to PyTorch (vectorised); widening BF16 is a shift, done here.
         */
        private long copyRows(String name, NDArray out, long row, long rowElements, TensorDType to, DataType target) {
            TensorInfo info = src.info(name);
            TensorDType from = info.dtype();
            TensorDType host = to == TensorDType.F16 && from != TensorDType.F16 ? TensorDType.F32 : to;
            DataType hostType = host == TensorDType.F32 ? DataType.FLOAT32 : target;
            long rows = info.shape()[0];
            long rowsPerChunk = Math.max(1, CHUNK_BYTES / (rowElements * Math.max(from.byteSize(), host.byteSize())));
            for (long r = 0; r < rows; r += rowsPerChunk) {
                long n = Math.min(rowsPerChunk, rows - r);
                ByteBuffer in = buffer(0, n * rowElements * from.byteSize());
                src.read(name, r * rowElements * from.byteSize(), in);
                in.flip();
                ByteBuffer conv = buffer(1, n * rowElements * host.byteSize());
                WeightConverter.convert(in, from, conv, host, n * rowElements);
                conv.flip();
                long[] partShape = out.getShape().getShape().clone();
                partShape[0] = n;
                NDIndex rowsOfOut = new NDIndex().addSliceDim(row + r, row + r + n);
                try (NDArray part = manager.create(conv, new Shape(partShape), hostType)) {
                    if (hostType == target) {
                        out.set(rowsOfOut, part);
                    } else {
                        try (NDArray narrowed = part.toType(target, false)) {
                            out.set(rowsOfOut, narrowed);
                        }
                    }
                }
            }
            return row + rows;
        }

        /** One of two reusable host buffers, at least {@code size} bytes, cleared to that limit. */
        private ByteBuffer buffer(int which, long size) {
            int n = Math.toIntExact(size);
            if (buffers[which] == null || buffers[which].capacity() < n) {
                buffers[which] = ByteBuffer.allocateDirect(Math.max(n, CHUNK_BYTES)).order(ByteOrder.nativeOrder());
            }
            buffers[which].clear().limit(n);
            return buffers[which];
        }

        private static TensorDType tensorType(DataType t) {
            switch (t) {
                case FLOAT16: return TensorDType.F16;
                case BFLOAT16: return TensorDType.BF16;
                default: return TensorDType.F32;
            }
        }
    }
}
