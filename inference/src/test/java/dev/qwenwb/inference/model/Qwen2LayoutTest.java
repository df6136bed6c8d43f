package dev.qwenwb.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qwen2LayoutTest {

    @Test
    void qwen25HalfBillionHasItsPublishedParameterCount(@TempDir Path tmp) throws IOException {
        ModelConfig c = ModelConfig.read(ModelConfigTest.resource(tmp, "config.json"));
        assertThat(Qwen2Layout.parameterCount(c)).isEqualTo(494_032_768L);
        assertThat(Qwen2Layout.expectedTensors(c)).hasSize(1 + 24 * 12 + 1);
    }

    @Test
    void tinyLayoutNamesAndShapes() {
        Map<String, long[]> t = Qwen2Layout.expectedTensors(RandomModelWriter.tinyConfig());
        assertThat(t.keySet()).first().isEqualTo("model.embed_tokens.weight");
        assertThat(t.get("model.embed_tokens.weight")).containsExactly(151_936, 64);
        assertThat(t.get("model.layers.1.self_attn.q_proj.weight")).containsExactly(64, 64);
        assertThat(t.get("model.layers.1.self_attn.k_proj.weight")).containsExactly(32, 64);
        assertThat(t.get("model.layers.1.self_attn.v_proj.bias")).containsExactly(32);
        assertThat(t.get("model.layers.0.mlp.down_proj.weight")).containsExactly(64, 128);
        assertThat(t).doesNotContainKey("model.layers.0.self_attn.o_proj.bias").doesNotContainKey("lm_head.weight");
        assertThat(t.keySet()).last().isEqualTo("model.norm.weight");
        assertThat(Qwen2Layout.layer(3, Qwen2Layout.UP_PROJ)).isEqualTo("model.layers.3.mlp.up_proj.weight");
    }

    @Test
    void untiedModelsHaveAnLmHead() {
        ModelConfig tiny = RandomModelWriter.tinyConfig();
        ModelConfig untied = new ModelConfig(tiny.architecture(), 64, 128, 2, 4, 2, 151_936, 4096, 1e-6, 1e6, false,
                null, tiny.eosTokenIds());
        assertThat(Qwen2Layout.expectedTensors(untied).keySet()).last().isEqualTo("lm_head.weight");
        assertThat(Qwen2Layout.expectedTensors(untied).get("lm_head.weight")).containsExactly(151_936, 64);
    }
}
