package dev.qwenwb.inference.testing;

import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.Qwen2Layout;
import dev.qwenwb.inference.safetensors.TensorSource;

/**
 * An independent, deliberately naive Qwen2 forward pass over plain arrays, accumulating in double: the yardstick
 * the DJL engine is tested against. No cache, no fusion, no DJL: every position is recomputed from scratch.
 * RoPE angles are computed in double (the engine uses f32 tables as transformers does).
 */
public final class ReferenceQwen2 {

    private final ModelConfig c;
    private final float[] embed;   // (V, H)
    private final float[] lmHead;  // (V, H)
    private final float[] finalNorm;
    private final Layer[] layers;

    private record Layer(float[] inNorm, float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv,
                         float[] wo, float[] postNorm, float[] wg, float[] wu, float[] wd) {
    }

    public ReferenceQwen2(TensorSource src, ModelConfig c) {
        this.c = c;
        this.embed = src.readF32("model.embed_tokens.weight");
        this.lmHead = src.names().contains("lm_head.weight") && !c.tieWordEmbeddings()
                ? src.readF32("lm_head.weight") : embed;
        this.finalNorm = src.readF32("model.norm.weight");
        this.layers = new Layer[c.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new Layer(
                    src.readF32(Qwen2Layout.layer(i, "input_layernorm.weight")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.q_proj.weight")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.q_proj.bias")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.k_proj.weight")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.k_proj.bias")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.v_proj.weight")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.v_proj.bias")),
                    src.readF32(Qwen2Layout.layer(i, "self_attn.o_proj.weight")),
                    src.readF32(Qwen2Layout.layer(i, "post_attention_layernorm.weight")),
                    src.readF32(Qwen2Layout.layer(i, "mlp.gate_proj.weight")),
                    src.readF32(Qwen2Layout.layer(i, "mlp.up_proj.weight")),
                    src.readF32(Qwen2Layout.layer(i, "mlp.down_proj.weight")));
        }
    }

    /** Logits (T, V) for every position of {@code ids}. */
    public float[][] logits(int[] ids) {
        int hidden = c.hiddenSize();
        int t = ids.length;
        double[][] x = new double[t][];
        for (int p = 0; p < t; p++) {
            x[p] = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                x[p][i] = embed[ids[p] * hidden + i];
            }
        }
        for (Layer w : layers) {
            double[][] keys = new double[t][];
            double[][] values = new double[t][];
            double[][] queries = new double[t][];
            for (int p = 0; p < t; p++) {
                double[] xn = rmsNorm(x[p], w.inNorm());
                queries[p] = rope(add(matVec(w.wq(), xn), w.bq()), p, c.numAttentionHeads());
                keys[p] = rope(add(matVec(w.wk(), xn), w.bk()), p, c.numKeyValueHeads());
                values[p] = add(matVec(w.wv(), xn), w.bv());
            }
            for (int p = 0; p < t; p++) {
                double[] attn = attend(queries[p], keys, values, p);
                double[] o = matVec(w.wo(), attn);
                for (int i = 0; i < hidden; i++) {
                    x[p][i] += o[i];
                }
                double[] xn = rmsNorm(x[p], w.postNorm());
                double[] gate = matVec(w.wg(), xn);
                double[] up = matVec(w.wu(), xn);
                double[] h = new double[gate.length];
                for (int i = 0; i < h.length; i++) {
                    h[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                double[] down = matVec(w.wd(), h);
                for (int i = 0; i < hidden; i++) {
                    x[p][i] += down[i];
                }
            }
        }
        float[][] out = new float[t][];
        for (int p = 0; p < t; p++) {
            double[] h = rmsNorm(x[p], finalNorm);
            double[] l = matVec(lmHead, h);
            out[p] = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                out[p][i] = (float) l[i];
            }
        }
        return out;
    }

    /** Greedy continuation of {@code prompt} by {@code n} tokens (argmax, lowest id on ties). */
    public int[] greedy(int[] prompt, int n) {
        int[] seq = java.util.Arrays.copyOf(prompt, prompt.length + n);
        for (int k = 0; k < n; k++) {
            int len = prompt.length + k;
            float[][] l = logits(java.util.Arrays.copyOf(seq, len));
            seq[len] = argmax(l[len - 1]);
        }
        return java.util.Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private double[] attend(double[] q, double[][] keys, double[][] values, int p) {
        int heads = c.numAttentionHeads();
        int d = c.headDim();
        int group = heads / c.numKeyValueHeads();
        double[] out = new double[heads * d];
        for (int h = 0; h < heads; h++) {
            int kvh = h / group;
            double[] scores = new double[p + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s <= p; s++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[h * d + i] * keys[s][kvh * d + i];
                }
                scores[s] = dot / Math.sqrt(d);
                max = Math.max(max, scores[s]);
            }
            double sum = 0;
            for (int s = 0; s <= p; s++) {
                scores[s] = Math.exp(scores[s] - max);
                sum += scores[s];
            }
            for (int s = 0; s <= p; s++) {
                for (int i = 0; i < d; i++) {
                    out[h * d + i] += scores[s] / sum * values[s][kvh * d + i];
                }
            }
        }
        return out;
    }

    /** Rotate-half RoPE on each head of {@code v}, position {@code p}. */
    private double[] rope(double[] v, int p, int heads) {
        int d = c.headDim();
        int half = d / 2;
        double[] out = new double[v.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(c.ropeTheta(), -2.0 * i / d);
                double a = v[h * d + i];
                double b = v[h * d + i + half];
                out[h * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                out[h * d + i + half] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return out;
    }

    private double[] rmsNorm(double[] x, float[] w) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double scale = 1 / Math.sqrt(ss / x.length + c.rmsNormEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * w[i];
        }
        return out;
    }

    /** W (rows, cols) row-major times x (cols). */
    private static double[] matVec(float[] w, double[] x) {
        int cols = x.length;
        int rows = w.length / cols;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            int base = r * cols;
            for (int i = 0; i < cols; i++) {
                acc += w[base + i] * x[i];
            }
            out[r] = acc;
        }
        return out;
    }

    private static double[] add(double[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
