package dev.qwenwb.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {

    @TempDir
    Path tmp;

    private final ModelConfig model = RandomModelWriter.tinyConfig();

    @Test
    void readsTheRealQwen25Defaults() throws IOException {
        GenerationConfig g = GenerationConfig.read(ModelConfigTest.resource(tmp, "generation_config.json"), model);
        assertThat(g.doSample()).isTrue();
        assertThat(g.temperature()).isEqualTo(0.7);
        assertThat(g.topP()).isEqualTo(0.8);
        assertThat(g.topK()).isEqualTo(20);
        assertThat(g.repetitionPenalty()).isEqualTo(1.1);
        assertThat(g.eosTokenIds()).containsExactly(151_645, 151_643);
        assertThat(g.maxNewTokens()).isNull();
    }

    @Test
    void missingFileGivesHuggingFaceDefaultsWithTheModelsEos() {
        GenerationConfig g = GenerationConfig.read(tmp.resolve("generation_config.json"), model);
        assertThat(g).isEqualTo(new GenerationConfig(false, 1.0, 1.0, 50, 1.0, model.eosTokenIds(), null));
    }

    @Test
    void singleEosIdAndPartialFields() throws IOException {
        Path f = Files.writeString(tmp.resolve("generation_config.json"),
                "{\"eos_token_id\": 7, \"temperature\": 0.5, \"max_new_tokens\": 64}");
        GenerationConfig g = GenerationConfig.read(f, model);
        assertThat(g.eosTokenIds()).containsExactly(7);
        assertThat(g.temperature()).isEqualTo(0.5);
        assertThat(g.maxNewTokens()).isEqualTo(64);
        assertThat(g.topK()).isEqualTo(50);
        assertThat(g.doSample()).isFalse();
    }

    @Test
    void toJsonReadsBackEqual() throws IOException {
        GenerationConfig g = new GenerationConfig(true, 0.7, 0.8, 20, 1.05, java.util.List.of(1, 2), 128);
        Path f = Files.writeString(tmp.resolve("generation_config.json"), g.toJson());
        assertThat(GenerationConfig.read(f, model)).isEqualTo(g);
    }
}
