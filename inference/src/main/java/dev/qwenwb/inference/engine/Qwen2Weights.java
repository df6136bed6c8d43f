package dev.qwenwb.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.Qwen2Layout;
import dev.qwenwb.inference.safetensors.HalfFloats;
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

    /** One decoder layer. */
    public record Layer(
            NDArray inputNorm,   // (H) f32
            NDArray qkvWeight,   // ((Hq + 2 Hkv) D, H)
            NDArray qkvBias,     // ((Hq + 2 Hkv) D)
            NDArray oWeight,     // (H, Hq D)
            NDArray postNorm,    // (H) f32
            NDArray gateUpWeight, // (2 I, H)
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
            layers[i] = new Layer(
                    l.f32(Qwen2Layout.layer(i, "input_layernorm.weight")),
                    l.fused(0, Qwen2Layout.layer(i, "self_attn.q_proj.weight"),
                            Qwen2Layout.layer(i, "self_attn.k_proj.weight"),
                            Qwen2Layout.layer(i, "self_attn.v_proj.weight")),
                    l.fused(0, Qwen2Layout.layer(i, "self_attn.q_proj.bias"),
                            Qwen2Layout.layer(i, "self_attn.k_proj.bias"),
                            Qwen2Layout.layer(i, "self_attn.v_proj.bias")),
                    l.matrix(Qwen2Layout.layer(i, "self_attn.o_proj.weight")),
                    l.f32(Qwen2Layout.layer(i, "post_attention_layernorm.weight")),
                    l.fused(0, Qwen2Layout.layer(i, "mlp.gate_proj.weight"),
                            Qwen2Layout.layer(i, "mlp.up_proj.weight")),
                    l.matrix(Qwen2Layout.layer(i, "mlp.down_proj.weight")));
        }
        NDArray finalNorm = l.f32("model.norm.weight");
        return new Qwen2Weights(manager, embed, lmHead, finalNorm, layers, dtype, l.bytes);
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

    /** Reads tensors into device arrays, counting bytes. */
    private static final class Loader {
        private final TensorSource src;
        private final NDManager manager;
        private final DataType dtype;
        private long bytes;
        private final java.util.Set<NDArray> fromBuffer =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Loader(TensorSource src, NDManager manager, DataType dtype) {
            this.src = src;
            this.manager = manager;
            this.dtype = dtype;
        }

        NDArray matrix(String name) {
            return count(owned(as(read(name), dtype)));
        }

        NDArray f32(String name) {
            return count(owned(as(read(name), DataType.FLOAT32)));
        }

        /**
         * On the CPU an array made from a direct buffer borrows that buffer's memory; a clone gives it memory of
         * its own, so the Java direct buffer can go.
         */
        private NDArray owned(NDArray a) {
            if (!a.getDevice().isGpu() && fromBuffer.contains(a)) {
                NDArray c = a.duplicate();
                fromBuffer.remove(a);
                a.close();
                return c;
            }
            return a;
        }

        NDArray fused(int axis, String... names) {
            NDList parts = new NDList();
            for (String n : names) {
                parts.add(as(read(n), dtype));
            }
            NDArray fused = NDArrays.concat(parts, axis);
            parts.forEach(fromBuffer::remove);
            parts.close();
            return count(fused);
        }

        private NDArray count(NDArray a) {
            bytes += a.size() * a.getDataType().getNumOfBytes();
            return a;
        }

        /** A host copy of the tensor as f32 or f16, then moved to the device. */
        private NDArray read(String name) {
            TensorInfo info = src.info(name);
            ByteBuffer data = src.data(name).duplicate().order(ByteOrder.LITTLE_ENDIAN);
            Shape shape = new Shape(info.shape());
            if (info.dtype() == TensorDType.BF16) {
                long n = info.elementCount();
                ByteBuffer f32 = ByteBuffer.allocateDirect(Math.toIntExact(n * 4)).order(ByteOrder.nativeOrder());
                for (long i = 0; i < n; i++) {
                    f32.putFloat(HalfFloats.bf16ToFloat(data.getShort()));
                }
                f32.flip();
                return track(manager.create(f32, shape, DataType.FLOAT32));
            }
            ByteBuffer copy = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
            copy.put(data).flip();
            return track(manager.create(copy, shape,
                    info.dtype() == TensorDType.F16 ? DataType.FLOAT16 : DataType.FLOAT32));
        }

        private NDArray track(NDArray a) {
            fromBuffer.add(a);
            return a;
        }

        private NDArray as(NDArray a, DataType t) {
            if (a.getDataType() == t) {
                return a;
            }
            NDArray b = a.toType(t, false);
            fromBuffer.remove(a);
            a.close();
            return b;
        }
    }
}
