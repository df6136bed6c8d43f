package dev.qwenwb.inference.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tensor names and shapes of {@code Qwen2ForCausalLM} in Hugging Face layout. The one place that
 * knows them. Shapes use V vocab, H hidden, I intermediate, KV key/value heads, D head width; linear
 * weights are {@code [out, in]} as PyTorch stores them.
 */
public final class Qwen2Layout {

    /** {@code [V, H]} token embeddings. */
    public static final String EMBED_TOKENS = "model.embed_tokens.weight";
    /** {@code [H]} final RMSNorm weight. */
    public static final String FINAL_NORM = "model.norm.weight";
    /** {@code [V, H]} output projection; absent when embeddings are tied. */
    public static final String LM_HEAD = "lm_head.weight";

    /** Per-layer suffixes, in the order {@link #expectedTensors} lists them. */
    public static final String INPUT_LAYERNORM = "input_layernorm.weight";
    /** {@code [H, H]}. */
    public static final String Q_PROJ = "self_attn.q_proj.weight";
    /** {@code [H]}. */
    public static final String Q_BIAS = "self_attn.q_proj.bias";
    /** {@code [KV*D, H]}. */
    public static final String K_PROJ = "self_attn.k_proj.weight";
    /** {@code [KV*D]}. */
    public static final String K_BIAS = "self_attn.k_proj.bias";
    /** {@code [KV*D, H]}. */
    public static final String V_PROJ = "self_attn.v_proj.weight";
    /** {@code [KV*D]}. */
    public static final String V_BIAS = "self_attn.v_proj.bias";
    /** {@code [H, H]}, no bias. */
    public static final String O_PROJ = "self_attn.o_proj.weight";
    /** {@code [H]}. */
    public static final String POST_ATTENTION_LAYERNORM = "post_attention_layernorm.weight";
    /** {@code [I, H]}. */
    public static final String GATE_PROJ = "mlp.gate_proj.weight";
    /** {@code [I, H]}. */
    public static final String UP_PROJ = "mlp.up_proj.weight";
    /** {@code [H, I]}. */
    public static final String DOWN_PROJ = "mlp.down_proj.weight";

    private Qwen2Layout() {
    }

    /**
     * @param c the model config
     * @return every tensor the model needs, name to shape, in checkpoint order: embeddings, each
     *     layer, final norm, then {@code lm_head.weight} unless embeddings are tied
     */
    public static Map<String, long[]> expectedTensors(ModelConfig c) {
        long h = c.hiddenSize();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long i = c.intermediateSize();
        long v = c.vocabSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put(EMBED_TOKENS, new long[] {v, h});
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            m.put(layer(l, INPUT_LAYERNORM), new long[] {h});
            m.put(layer(l, Q_PROJ), new long[] {h, h});
            m.put(layer(l, Q_BIAS), new long[] {h});
            m.put(layer(l, K_PROJ), new long[] {kv, h});
            m.put(layer(l, K_BIAS), new long[] {kv});
            m.put(layer(l, V_PROJ), new long[] {kv, h});
            m.put(layer(l, V_BIAS), new long[] {kv});
            m.put(layer(l, O_PROJ), new long[] {h, h});
            m.put(layer(l, POST_ATTENTION_LAYERNORM), new long[] {h});
            m.put(layer(l, GATE_PROJ), new long[] {i, h});
            m.put(layer(l, UP_PROJ), new long[] {i, h});
            m.put(layer(l, DOWN_PROJ), new long[] {h, i});
        }
        m.put(FINAL_NORM, new long[] {h});
        if (!c.tieWordEmbeddings()) {
            m.put(LM_HEAD, new long[] {v, h});
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param i      layer index
     * @param suffix e.g. {@link #Q_PROJ}
     * @return {@code "model.layers.{i}." + suffix}
     */
    public static String layer(int i, String suffix) {
        return "model.layers." + i + "." + suffix;
    }

    /**
     * @param c the model config
     * @return total parameter count (tied embeddings counted once)
     */
    public static long parameterCount(ModelConfig c) {
        long n = 0;
        for (long[] shape : expectedTensors(c).values()) {
            long e = 1;
            for (long d : shape) {
                e *= d;
            }
            n += e;
        }
        return n;
    }
}
