package dev.qwenwb.inference.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JNA structures against llama.cpp v0.4.0's {@code include/llama.h} (from the git bundle in node-llama-cpp
 * 3.21.1's package, the sources its binaries were built from): the expected sizes and offsets are what gcc 12 printed
 * for that header on x86-64 Linux ({@code offsetof}/{@code sizeof}). A field missing, added or of the wrong width
 * moves every later offset, which by-value passing would turn into garbage parameters. Then the defaults llama.cpp
 * itself returns by value must read back as its source sets them.
 */
class LlamaStructLayoutTest {

    @Test
    void modelParamsMatchTheCHeader() {
        assertLayout(new LlamaModelParams(), 80, Map.ofEntries(Map.entry("devices", 0), Map.entry("tensor_buft_overrides", 8),
                Map.entry("n_gpu_layers", 16), Map.entry("split_mode", 20), Map.entry("load_mode", 24),
                Map.entry("lazy_mode", 28), Map.entry("main_gpu", 32), Map.entry("tensor_split", 40),
                Map.entry("progress_callback", 48), Map.entry("progress_callback_user_data", 56),
                Map.entry("kv_overrides", 64), Map.entry("vocab_only", 72), Map.entry("check_tensors", 73),
                Map.entry("use_extra_bufts", 74), Map.entry("no_host", 75), Map.entry("no_alloc", 76),
                Map.entry("load_mtp", 77)));
    }

    @Test
    void contextParamsMatchTheCHeader() {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        String[] ints = {"n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_rs_seq", "n_outputs_max",
                "n_outputs_max_per_seq", "n_threads", "n_threads_batch", "ctx_type", "rope_scaling_type",
                "pooling_type", "attention_type", "flash_attn_type", "rope_freq_base", "rope_freq_scale",
                "yarn_ext_factor", "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx",
                "defrag_thold"};
        for (int i = 0; i < ints.length; i++) {
            offsets.put(ints[i], 4 * i);
        }
        offsets.putAll(Map.of("cb_eval", 88, "cb_eval_user_data", 96, "type_k", 104, "type_v", 108,
                "abort_callback", 112, "abort_callback_data", 120));
        offsets.putAll(Map.of("embeddings", 128, "offload_kqv", 129, "no_perf", 130, "op_offload", 131,
                "swa_full", 132, "kv_unified", 133, "samplers", 136, "n_samplers", 144, "ctx_other", 152));
        assertLayout(new LlamaContextParams(), 160, offsets);
    }

    @Test
    void batchAndQuantizeParamsMatchTheCHeader() {
        assertLayout(new LlamaBatch(), 56, Map.of("n_tokens", 0, "token", 8, "embd", 16, "pos", 24, "n_seq_id", 32,
                "seq_id", 40, "logits", 48));
        assertLayout(new LlamaQuantizeParams(), 64, Map.ofEntries(Map.entry("nthread", 0), Map.entry("ftype", 4),
                Map.entry("output_tensor_type", 8), Map.entry("token_embedding_type", 12),
                Map.entry("allow_requantize", 16), Map.entry("dry_run", 21), Map.entry("imatrix", 24),
                Map.entry("kv_overrides", 32), Map.entry("tt_overrides", 40), Map.entry("prune_layers", 48),
                Map.entry("max_buf_size", 56)));
    }

    @Test
    void defaultsReturnedByValueReadBackAsLlamaCppSetsThem() {
        LlamaLibrary llama = LlamaNatives.get().llama();
        LlamaModelParams.ByValue m = llama.llama_model_default_params();
        assertThat(m.n_gpu_layers).isEqualTo(-1);
        assertThat(m.split_mode).isEqualTo(1);   // LLAMA_SPLIT_MODE_LAYER
        assertThat(m.load_mode).isEqualTo(-1);   // LLAMA_LOAD_MODE_AUTO
        assertThat(m.lazy_mode).isEqualTo(1);    // LLAMA_LAZY_MODE_AUTO
        assertThat(m.main_gpu).isZero();
        assertThat(new byte[] {m.vocab_only, m.check_tensors, m.use_extra_bufts, m.no_host, m.no_alloc, m.load_mtp})
                .containsExactly(0, 0, 1, 0, 0, 0);
        LlamaContextParams.ByValue c = llama.llama_context_default_params();
        assertThat(new int[] {c.n_ctx, c.n_batch, c.n_ubatch, c.n_seq_max, c.n_rs_seq, c.n_outputs_max,
                c.n_outputs_max_per_seq}).containsExactly(512, 2048, 512, 1, 0, 0, 1);
        assertThat(c.flash_attn_type).isEqualTo(-1);
        assertThat(c.yarn_ext_factor).isEqualTo(-1f);
        assertThat(c.defrag_thold).isEqualTo(-1f);
        assertThat(new int[] {c.type_k, c.type_v}).containsExactly(1, 1); // GGML_TYPE_F16
        assertThat(new byte[] {c.embeddings, c.offload_kqv, c.no_perf, c.op_offload, c.swa_full, c.kv_unified})
                .containsExactly(0, 1, 1, 1, 1, 0);
        assertThat(c.n_samplers).isZero();
        assertThat(c.ctx_other).isNull();
    }

    private static void assertLayout(Structure s, int size, Map<String, Integer> offsets) {
        assertThat(s.size()).as(s.getClass().getSimpleName() + " size").isEqualTo(size);
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (String field : offsets.keySet()) {
            actual.put(field, offset(s, field));
        }
        assertThat(actual).as(s.getClass().getSimpleName() + " offsets").isEqualTo(offsets);
    }

    private static int offset(Structure s, String field) {
        return new Probe(s).offsetOf(field);
    }

    /** Reads JNA's computed offsets (Structure.fieldOffset is protected). */
    private static final class Probe {
        private final Structure s;

        Probe(Structure s) {
            this.s = s;
        }

        int offsetOf(String field) {
            try {
                var m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
                m.setAccessible(true);
                return (Integer) m.invoke(s, field);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
