package dev.qwenwb.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    static final String QWEN_05B = "/assets/models/qwen2.5-0.5b-instruct/";

    @TempDir
    Path tmp;

    static Path resource(Path dir, String name) throws IOException {
        try (InputStream in = ModelConfigTest.class.getResourceAsStream(QWEN_05B + name)) {
            assertThat(in).as(QWEN_05B + name).isNotNull();
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private Path config(String json) throws IOException {
        return Files.writeString(tmp.resolve("config.json"), json);
    }

    @Test
    void readsTheRealQwen25Config() throws IOException {
        ModelConfig c = ModelConfig.read(resource(tmp, "config.json"));
        assertThat(c.architecture()).isEqualTo("Qwen2ForCausalLM");
        assertThat(c.hiddenSize()).isEqualTo(896);
        assertThat(c.intermediateSize()).isEqualTo(4864);
        assertThat(c.numHiddenLayers()).isEqualTo(24);
        assertThat(c.numAttentionHeads()).isEqualTo(14);
        assertThat(c.numKeyValueHeads()).isEqualTo(2);
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.vocabSize()).isEqualTo(151_936);
        assertThat(c.maxPositionEmbeddings()).isEqualTo(32_768);
        assertThat(c.rmsNormEps()).isEqualTo(1e-6);
        assertThat(c.ropeTheta()).isEqualTo(1e6);
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.torchDtype()).isEqualTo("bfloat16");
        assertThat(c.eosTokenIds()).containsExactly(151_645);
    }

    @Test
    void toJsonReadsBackEqual() throws IOException {
        ModelConfig c = RandomModelWriter.tinyConfig();
        assertThat(ModelConfig.read(config(c.toJson()))).isEqualTo(c);
    }

    @Test
    void otherArchitecturesAreRefusedByName() throws IOException {
        String llama = RandomModelWriter.tinyConfig().toJson().replace("Qwen2ForCausalLM", "LlamaForCausalLM");
        Path file = config(llama);
        assertThatThrownBy(() -> ModelConfig.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("LlamaForCausalLM").hasMessageContaining("supported: Qwen2ForCausalLM");
    }

    @Test
    void missingOrNonPositiveSizesAreRefused() throws IOException {
        Path noHidden = config("{\"architectures\": [\"Qwen2ForCausalLM\"], \"num_attention_heads\": 2}");
        assertThatThrownBy(() -> ModelConfig.read(noHidden))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("hidden_size");
        Path zeroLayers = config(RandomModelWriter.tinyConfig().toJson()
                .replace("\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 0"));
        assertThatThrownBy(() -> ModelConfig.read(zeroLayers))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("num_hidden_layers");
    }

    @Test
    void headsMustDivide() throws IOException {
        Path badHeads = config(RandomModelWriter.tinyConfig().toJson()
                .replace("\"num_attention_heads\" : 4", "\"num_attention_heads\" : 3"));
        assertThatThrownBy(() -> ModelConfig.read(badHeads))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not divisible by num_attention_heads");
        Path badKv = config(RandomModelWriter.tinyConfig().toJson()
                .replace("\"num_key_value_heads\" : 2", "\"num_key_value_heads\" : 3"));
        assertThatThrownBy(() -> ModelConfig.read(badKv))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("num_key_value_heads");
    }

    @Test
    void garbageIsRefused() throws IOException {
        Path file = config("{not json");
        assertThatThrownBy(() -> ModelConfig.read(file))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not valid JSON");
    }
}
